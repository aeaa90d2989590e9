package io.eventyard.broker.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all core state: virtual hosts, exchanges, queues, consumers and the protocol
 * sessions bound to them. Network threads only decode and encode; everything that reads or changes broker
 * state is a task here. One writer means no locks, no lock ordering and a total order of events, which is
 * what makes dead-lettering, exclusive queues and transactions simple to get right.
 *
 * <p>Tasks run in submission order from a plain FIFO queue (every publish passes through it, so it must be
 * cheap); timers live on a second thread ("broker-timer") that only hands their tasks over to the core when
 * they are due.
 */
public final class CoreExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreExecutor.class);

    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timer;
    private volatile Thread thread;

    public CoreExecutor() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread t = new Thread(runnable, "broker-core");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.prestartCoreThread();
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "broker-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on the core thread; after {@link #close()} it is dropped (the broker is stopping). */
    public void execute(Runnable task) {
        try {
            executor.execute(() -> runGuarded(task));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("core stopped; dropping a late task");
        }
    }

    /**
     * Runs {@code task} on the core thread after {@code delay}. Cancelling the future before it is due stops
     * it; once due it is queued like any task, so a task must still check that what it acts on is current.
     */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        // milliseconds, so that no delay a client can ask for overflows
        long millis = Math.max(0, Math.min(delay.toMillis(), Long.MAX_VALUE / 2));
        try {
            return timer.schedule(() -> execute(task), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("core stopped; dropping a late timer");
            return DroppedTimer.INSTANCE;
        }
    }

    public boolean inCoreThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the core thread and waits for it; for start-up, admin calls and tests. */
    public <T> T call(Callable<T> task) {
        if (inCoreThread()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return executor.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the core", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // A task that throws must not kill the core thread: that would stop the whole broker.
    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.error("core task failed", t);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** What {@link #schedule} returns once the broker is stopping: a timer that will never fire. */
    private static final class DroppedTimer implements ScheduledFuture<Object> {

        static final DroppedTimer INSTANCE = new DroppedTimer();

        @Override
        public long getDelay(TimeUnit unit) {
            return Long.MAX_VALUE;
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return true;
        }

        @Override
        public boolean isDone() {
            return true;
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
