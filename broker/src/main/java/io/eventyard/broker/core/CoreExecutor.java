package io.eventyard.broker.core;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all core state: virtual hosts, exchanges, queues, consumers and the protocol
 * sessions bound to them. Network threads only decode and encode; everything that reads or changes broker
 * state is a task here. One writer means no locks, no lock ordering and a total order of events, which is
 * what makes dead-lettering, exclusive queues and transactions simple to get right.
 */
public final class CoreExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreExecutor.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    public CoreExecutor() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "broker-core");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
    }

    /** Runs {@code task} on the core thread; after {@link #close()} it is dropped (the broker is stopping). */
    public void execute(Runnable task) {
        try {
            executor.execute(() -> runGuarded(task));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            LOG.debug("core stopped; dropping a late task");
        }
    }

    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        // milliseconds, so that no delay a client can ask for overflows
        long millis = Math.max(0, Math.min(delay.toMillis(), Long.MAX_VALUE / 2));
        return executor.schedule(() -> runGuarded(task), millis, TimeUnit.MILLISECONDS);
    }

    public boolean inCoreThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the core thread and waits for it; for start-up, admin calls and tests. */
    public <T> T call(java.util.concurrent.Callable<T> task) {
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
        } catch (java.util.concurrent.ExecutionException e) {
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
}
