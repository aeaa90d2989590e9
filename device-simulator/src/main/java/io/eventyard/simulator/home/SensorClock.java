package io.eventyard.simulator.home;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A sensor's own clock: whole milliseconds (the payload's precision), each reading strictly after the one before.
 * When a busy event loop runs a fixed-rate timer late it catches up in a burst, and two readings of one sensor
 * in the same millisecond would be one reading to a store keyed by sensor and time. Not thread-safe.
 */
final class SensorClock {

    private Instant previous;

    Instant stamp(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (previous != null && !at.isAfter(previous)) {
            at = previous.plusMillis(1);
        }
        previous = at;
        return at;
    }
}
