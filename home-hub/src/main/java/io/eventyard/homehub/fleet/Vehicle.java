package io.eventyard.homehub.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A vehicle's state after its newest fix: where it is, whether it moves, since when (fix time) it is above the
 * speed limit and whether that was reported, and the geofences it is in (ids, comma-separated).
 */
@MappedEntity(value = "vehicle", escape = false)
record Vehicle(@Id String vehicleId, double lat, double lon, @Nullable Double speedKmh, @Nullable Double heading,
               @Nullable Double accuracy, Instant fixTime, Instant receivedAt, boolean moving,
               @Nullable Instant overspeedSince, boolean overspeedReported, String geofences) {
}
