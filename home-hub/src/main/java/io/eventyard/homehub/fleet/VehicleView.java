package io.eventyard.homehub.fleet;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A vehicle's last position and state; the answer of {@code GET /vehicles}.
 *
 * @param speedKmh    as reported, or derived from the previous fix when the device gave none
 * @param overspeed   above the speed limit for at least the minimum duration
 * @param geofences   the names of the geofences it is in
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VehicleView(String vehicleId, double lat, double lon, @Nullable Double speedKmh,
                          @Nullable Double heading, @Nullable Double accuracy, Instant fixTime, Instant receivedAt,
                          boolean moving, boolean overspeed, List<String> geofences) {
}
