package io.eventyard.homehub.telemetry;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A sensor with its latest value; the answer of {@code GET /sensors}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SensorView(String sensorId, String room, String sensor, double value, @Nullable String unit,
                         Instant measuredAt, Instant receivedAt) {
}
