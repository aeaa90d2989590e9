package io.eventyard.homehub.telemetry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** Readings of one bucket: {@code start} inclusive, {@code start + bucket} exclusive. */
@Serdeable
public record HistoryBucket(Instant start, double min, double avg, double max, long count) {
}
