package io.eventyard.broker.core.vhost;

import java.time.Clock;
import java.util.concurrent.Callable;

import io.eventyard.broker.core.CoreExecutor;

/**
 * A virtual host on a real core thread, for tests that call it as the protocol adapters do: through
 * {@link CoreExecutor#call}. A call also waits for the tasks queued before it (dead letters are routed as
 * tasks of their own), so state read in a later call is settled.
 */
final class CoreThread implements AutoCloseable {

    private final CoreExecutor executor = new CoreExecutor();
    private final RecordingDefinitions durable = new RecordingDefinitions();
    private final VirtualHost vhost = executor.call(() -> new VirtualHost("/", executor, durable, Clock.systemUTC(), new io.eventyard.broker.core.MessageCounters()));

    VirtualHost vhost() {
        return vhost;
    }

    RecordingDefinitions durable() {
        return durable;
    }

    <T> T call(Callable<T> task) {
        return executor.call(task);
    }

    void run(Runnable task) {
        executor.call(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.close();
    }
}
