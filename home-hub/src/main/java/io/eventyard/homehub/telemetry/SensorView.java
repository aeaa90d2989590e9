package io.eventyard.homehub.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A sensor with its latest value; the answer of {@code GET /sensors}. */
@Serdeable
public record SensorView(String sensorId, String room, String sensor, double value, @Nullable String unit,
                         Instant measuredAt, Instant receivedAt) {
}
