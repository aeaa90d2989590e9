package io.eventyard.broker.http.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Publisher;

import io.eventyard.broker.http.CoreTasks;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;

/**
 * Liveness: the core thread, which owns all broker state, answers a task within {@link #BOUND}. A core
 * that does not is stuck or drowning, and the broker is of no use until restarted.
 */
@Singleton
@Liveness
final class CoreThreadHealthIndicator implements HealthIndicator {

    static final String NAME = "brokerCore";
    static final Duration BOUND = Duration.ofSeconds(1);

    private final CoreTasks tasks;

    CoreThreadHealthIndicator(CoreTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        long start = System.nanoTime();
        CompletableFuture<HealthResult> result = tasks.run(core -> core.connectionCount(), BOUND)
                .thenApply(connections -> HealthResult.builder(NAME, HealthStatus.UP)
                        .details(Map.of("answeredInMicros", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start),
                                "connections", connections))
                        .build())
                .exceptionally(failure -> HealthResult.builder(NAME, HealthStatus.DOWN)
                        .details(Map.of("error", "the core thread did not answer within " + BOUND))
                        .build());
        return Publishers.fromCompletableFuture(result);
    }
}
