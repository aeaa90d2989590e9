package io.eventyard.order;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The service's clock. */
@Factory
class ClockFactory {

    /** UTC, ticking in microseconds: the precision both H2 and PostgreSQL keep, so a stored time reads back equal. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
