package io.eventyard.homehub.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /geofences} and {@code PUT /geofences/{id}}. */
@Serdeable
public record GeofenceRequest(@NotBlank @Size(max = 120) String name,
                              @NotNull @DecimalMin("-90") @DecimalMax("90") @Nullable Double lat,
                              @NotNull @DecimalMin("-180") @DecimalMax("180") @Nullable Double lon,
                              @NotNull @Positive @DecimalMax("1000000")
                              @Nullable Double radiusMeters) {

    Geofence toGeofence(Long id) {
        return new Geofence(id, name.trim(), lat, lon, radiusMeters);
    }
}
