package io.eventyard.homehub.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A sensor's history in buckets; buckets without readings are left out. */
@Serdeable
public record History(String sensorId, @Nullable String unit, Instant from, Instant to, Duration bucket,
                      List<HistoryBucket> buckets) {
}
