package io.eventyard.bench;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.ConfirmListener;

/**
 * Publisher confirms of one channel: bounds the unconfirmed messages to a window and records each
 * message's publish-to-confirm latency.
 *
 * <p>Threads: {@link #acquire} and {@link #published} run on the producer thread, the listener methods
 * on the connection's reader thread; the pending map is concurrent because a broker may confirm out of
 * order (a message routed to several queues is confirmed when the last one has it).
 */
final class ConfirmTracker implements ConfirmListener {

    private final int window;
    private final Semaphore permits;
    private final ConcurrentSkipListMap<Long, Long> publishedAt = new ConcurrentSkipListMap<>();
    private final RunMeters meters;

    ConfirmTracker(int window, RunMeters meters) {
        this.window = window;
        this.permits = new Semaphore(window);
        this.meters = meters;
    }

    /** Waits for room in the window; false if {@code stop} was set first. */
    boolean acquire(AtomicBoolean stop) throws InterruptedException {
        while (!stop.get()) {
            if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Called right before publishing {@code sequence} at {@code nanoTime}. */
    void published(long sequence, long nanoTime) {
        publishedAt.put(sequence, nanoTime);
    }

    /** Gives back the permit of a message that was not published after all. */
    void abandoned() {
        permits.release();
    }

    /** How many published messages the broker has not answered yet. */
    int outstanding() {
        return publishedAt.size();
    }

    /** Waits until the broker has answered every published message; false on timeout. */
    boolean awaitAnswered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!publishedAt.isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        answer(deliveryTag, multiple, true);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        answer(deliveryTag, multiple, false);
    }

    private void answer(long deliveryTag, boolean multiple, boolean ack) {
        long now = System.nanoTime();
        int answered = 0;
        // Each message is recorded before it leaves the map, so that an empty map means all are recorded.
        if (multiple) {
            Iterator<Map.Entry<Long, Long>> upTo = publishedAt.headMap(deliveryTag, true).entrySet().iterator();
            while (upTo.hasNext()) {
                settle(upTo.next().getValue(), now, ack);
                upTo.remove();
                answered++;
            }
        } else {
            Long at = publishedAt.get(deliveryTag);
            if (at == null) {
                meters.incidents().report("confirm for a delivery tag not pending (duplicate or unknown)");
            } else {
                settle(at, now, ack);
                publishedAt.remove(deliveryTag);
                answered++;
            }
        }
        permits.release(answered);
    }

    private void settle(long publishedNanos, long now, boolean ack) {
        if (ack) {
            meters.confirmed().mark(now - publishedNanos);
        } else {
            meters.incidents().report("publisher nack");
        }
    }
}
