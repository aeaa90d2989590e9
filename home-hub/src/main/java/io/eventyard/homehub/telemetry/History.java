package io.eventyard.homehub.telemetry;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A sensor's history in buckets ({@code bucket} as ISO-8601, such as {@code PT1M}); empty buckets are left out. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record History(String sensorId, @Nullable String unit, Instant from, Instant to, String bucket,
                      List<HistoryBucket> buckets) {
}
