package io.eventyard.homehub.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A circular geofence; the answer of {@code GET /geofences}. */
@Serdeable
@MappedEntity(value = "geofence", escape = false)
public record Geofence(@Id @GeneratedValue @Nullable Long id, String name, double lat, double lon,
                       double radiusMeters) {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    boolean contains(double pointLat, double pointLon) {
        return distanceMeters(lat, lon, pointLat, pointLon) <= radiusMeters;
    }

    /** Great-circle distance (haversine): metres matter here, the Earth's flattening does not. */
    static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
