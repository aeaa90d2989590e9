package io.eventyard.broker.core.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.eventyard.broker.core.message.Message;

/**
 * The virtual host side of a queue under test: records the dead letters and deletions the queue asks for and
 * runs its timers only when the test moves the clock. Test thread only.
 */
final class ManualQueueHost implements QueueHost {

    record DeadLetter(String queue, Message message, DeathReason reason) {

        String body() {
            return new String(message.body(), StandardCharsets.UTF_8);
        }
    }

    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<MessageQueue> deletedUnused = new ArrayList<>();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::dueAt).thenComparingLong(Timer::order));
    private long now = 1_700_000_000_000L;
    private long scheduled;

    List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    List<MessageQueue> deletedUnused() {
        return deletedUnused;
    }

    /** Moves the clock by {@code duration}, running every timer that falls due on the way, in due order. */
    void advance(Duration duration) {
        long target = now + duration.toMillis();
        while (!timers.isEmpty() && timers.peek().dueAt() <= target) {
            Timer timer = timers.poll();
            if (timer.isCancelled()) {
                continue;
            }
            now = Math.max(now, timer.dueAt());
            timer.run();
        }
        now = target;
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public void deadLetter(MessageQueue queue, Message message, DeathReason reason) {
        deadLetters.add(new DeadLetter(queue.name(), message, reason));
    }

    // As the virtual host does: the queue is gone for good.
    @Override
    public void deleteUnused(MessageQueue queue) {
        deletedUnused.add(queue);
        queue.markDeleted();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        Timer timer = new Timer(now + Math.max(0, delay.toMillis()), scheduled++, task);
        timers.add(timer);
        return timer;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    private final class Timer implements ScheduledFuture<Object> {

        private final long dueAt;
        private final long order;
        private final Runnable task;
        private boolean cancelled;
        private boolean done;

        Timer(long dueAt, long order, Runnable task) {
            this.dueAt = dueAt;
            this.order = order;
            this.task = task;
        }

        long dueAt() {
            return dueAt;
        }

        long order() {
            return order;
        }

        void run() {
            done = true;
            task.run();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAt - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            done = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
