package io.eventyard.homehub.fleet;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One fix of a vehicle's track; the answer of {@code GET /vehicles/{id}/track}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrackPoint(double lat, double lon, @Nullable Double speedKmh, @Nullable Double heading,
                         @Nullable Double accuracy, Instant fixTime, Instant receivedAt) {
}
