package io.eventyard.homehub.live;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.devices.Device;
import io.eventyard.homehub.devices.DeviceTracker;
import io.eventyard.homehub.events.EventLog;
import io.eventyard.homehub.fleet.FleetQueries;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.fleet.VehicleView;
import io.eventyard.homehub.live.LiveSnapshot.Geofence;
import io.eventyard.homehub.live.LiveSnapshot.Point;
import io.eventyard.homehub.live.LiveSnapshot.SensorSeries;
import io.eventyard.homehub.live.LiveSnapshot.TrailPoint;
import io.eventyard.homehub.live.LiveSnapshot.VehicleTrail;
import io.eventyard.homehub.telemetry.SensorView;
import io.eventyard.homehub.telemetry.TelemetryQueries;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

/**
 * The {@link LiveSnapshotSource} home-hub uses: the snapshot read from the database, so that a dashboard opened
 * after a restart (or on another replica) shows everything stored, not only what this process has seen. The
 * same bounds as {@link RecentActivity} ({@link LiveSettings}): the most recently updated sensors, vehicles and
 * devices, each sensor's newest points and each vehicle's newest fixes, the newest events; and the geofences.
 *
 * <p>Everything it reads was committed before its application event was published (the features publish after
 * commit), so a client registered before the snapshot misses nothing. One read-only transaction: one connection
 * for the few queries per sensor and vehicle (each an index range scan on the primary key).
 */
@Singleton
public class StoredActivity implements LiveSnapshotSource {

    private final TelemetryQueries telemetry;
    private final DeviceTracker devices;
    private final FleetQueries fleet;
    private final EventLog events;
    private final LiveSettings settings;

    StoredActivity(TelemetryQueries telemetry, DeviceTracker devices, FleetQueries fleet, EventLog events,
                   LiveSettings settings) {
        this.telemetry = telemetry;
        this.devices = devices;
        this.fleet = fleet;
        this.events = events;
        this.settings = settings;
    }

    @Override
    @ReadOnly
    public LiveSnapshot snapshot() {
        Instant at = Instant.now();
        List<SensorSeries> sensors = newest(telemetry.sensors(null), settings.maxSensors(), SensorView::measuredAt)
                .stream()
                .map(s -> new SensorSeries(s.sensorId(), s.room(), s.sensor(), s.unit(),
                        telemetry.recent(s.sensorId(), settings.pointsPerSensor()).stream()
                                .map(r -> new Point(r.measuredAt(), r.value())).toList()))
                .toList();
        List<Availability> deviceList = newest(devices.all(), settings.maxDevices(), Device::lastSeen).stream()
                .map(d -> new Availability(d.device(), d.online(), d.lastSeen(), d.reason()))
                .toList();
        List<VehicleTrail> vehicles = newest(fleet.vehicles(), settings.maxVehicles(), VehicleView::fixTime).stream()
                .map(v -> new VehicleTrail(v.vehicleId(), new Position(v.vehicleId(), v.lat(), v.lon(), v.speedKmh(),
                        v.heading(), v.accuracy(), v.fixTime(), v.receivedAt()),
                        fleet.recentTrack(v.vehicleId(), settings.positionsPerVehicle()).stream()
                                .map(p -> new TrailPoint(p.lat(), p.lon(), p.fixTime())).toList()))
                .toList();
        List<Geofence> geofences = fleet.geofences().stream()
                .map(g -> new Geofence(String.valueOf(g.id()), g.name(), g.lat(), g.lon(), g.radiusMeters()))
                .toList();
        return new LiveSnapshot(at, sensors, deviceList, vehicles, geofences,
                events.latest(null, settings.recentEvents()));
    }

    /**
     * The {@code limit} items updated last, in their given order (ids, alphabetically): the same ones
     * {@link RecentActivity} would keep, without reordering the page's table by activity.
     */
    private static <T> List<T> newest(List<T> items, int limit, Function<T, Instant> updated) {
        if (items.size() <= limit) {
            return items;
        }
        Instant cutoff = items.stream().map(updated).sorted(Comparator.reverseOrder()).skip(limit - 1L)
                .findFirst().orElseThrow();
        List<T> kept = items.stream().filter(item -> !updated.apply(item).isBefore(cutoff)).toList();
        return kept.size() <= limit ? kept : kept.subList(0, limit);
    }
}
