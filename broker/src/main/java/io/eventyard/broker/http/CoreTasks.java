package io.eventyard.broker.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.eventyard.broker.Broker;
import io.eventyard.broker.core.BrokerCore;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Runs a task on the broker's core thread and hands back a future, so that no HTTP thread waits for
 * the core. The task is the only place HTTP code touches core state: it reads what it needs and copies
 * it into immutable values before it returns.
 *
 * <p>The futures complete on Micronaut's I/O pool, never on the core thread: whatever follows (turning
 * the values into JSON, writing the response) must not take the core's time from the brokers' clients.
 */
@Singleton
public final class CoreTasks {

    /** How long a request waits for the core before it gives up (the core is stuck or flooded). */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BrokerCore core;
    private final ExecutorService handOff;

    public CoreTasks(Broker broker, @Named(TaskExecutors.IO) ExecutorService handOff) {
        this.core = broker.core();
        this.handOff = handOff;
    }

    /** How long the message store's group commits take; readable from any thread. */
    public io.eventyard.broker.core.Durability.SyncTimings syncTimings() {
        return core.durability().syncTimings();
    }

    /**
     * Runs {@code task} on the core thread. The future fails with what the task threw, or with a
     * {@link java.util.concurrent.TimeoutException} after {@link #PATIENCE}.
     */
    public <T> CompletableFuture<T> run(Function<BrokerCore, T> task) {
        return run(task, PATIENCE);
    }

    public <T> CompletableFuture<T> run(Function<BrokerCore, T> task, Duration patience) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            core.executor().execute(() -> {
                try {
                    result.complete(task.apply(core));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);     // the broker is shutting down
        }
        return offCore(result.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * The same outcome as {@code future}, delivered on the I/O pool: for futures the core completes
     * itself, such as {@link Broker#publish}'s.
     */
    public <T> CompletableFuture<T> offCore(CompletableFuture<T> future) {
        // whenCompleteAsync hands failures to the pool too (thenApplyAsync would complete them in place).
        return future.whenCompleteAsync((value, failure) -> { }, handOff);
    }
}
