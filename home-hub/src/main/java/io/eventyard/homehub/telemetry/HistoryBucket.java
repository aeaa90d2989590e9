package io.eventyard.homehub.telemetry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Readings of one bucket: {@code start} inclusive, {@code start + bucket} exclusive. Buckets are aligned to the
 * epoch ({@code PT1M} on the minute, {@code P1D} at midnight UTC), so the first and last may be partly outside
 * {@code from}/{@code to}, whose readings alone they hold.
 */
@Serdeable
public record HistoryBucket(Instant start, double min, double avg, double max, long count) {
}
