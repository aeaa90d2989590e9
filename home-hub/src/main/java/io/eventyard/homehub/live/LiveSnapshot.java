package io.eventyard.homehub.live;

import java.time.Instant;
import java.util.List;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.fleet.Position;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a dashboard needs to draw itself when it connects: the {@code snapshot} event of {@code GET /live}.
 *
 * @param at         when the snapshot was taken
 * @param sensors    every known sensor with its recent points, oldest point first
 * @param devices    the latest availability of every known device
 * @param vehicles   every known vehicle with its last position and recent trail, oldest point first
 * @param geofences  the circular geofences
 * @param events     recent hub events, newest first
 */
@Serdeable
public record LiveSnapshot(Instant at, List<SensorSeries> sensors, List<Availability> devices,
                           List<VehicleTrail> vehicles, List<Geofence> geofences, List<HubEvent> events) {

    /** A sensor and its recent values; {@code unit} null when the device never said. */
    @Serdeable
    public record SensorSeries(String sensorId, String room, String sensor, @Nullable String unit,
                               List<Point> points) {
    }

    /** One value of a sensor at the device's time. */
    @Serdeable
    public record Point(Instant at, double value) {
    }

    /** A vehicle's last position and the trail leading to it. */
    @Serdeable
    public record VehicleTrail(String vehicleId, Position latest, List<TrailPoint> trail) {
    }

    /** One point of a trail at the device's fix time. */
    @Serdeable
    public record TrailPoint(double lat, double lon, Instant at) {
    }

    /** A circular geofence as the map draws it. */
    @Serdeable
    public record Geofence(String id, String name, double lat, double lon, double radiusMeters) {
    }
}
