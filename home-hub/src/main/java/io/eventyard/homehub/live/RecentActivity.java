package io.eventyard.homehub.live;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.live.LiveSnapshot.Point;
import io.eventyard.homehub.live.LiveSnapshot.SensorSeries;
import io.eventyard.homehub.live.LiveSnapshot.TrailPoint;
import io.eventyard.homehub.live.LiveSnapshot.VehicleTrail;
import io.eventyard.homehub.telemetry.Reading;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The fallback {@link LiveSnapshotSource} ({@link StoredActivity} wins over it): what this process has seen since
 * it started, in memory and bounded by
 * {@link LiveSettings} (points per sensor, positions per vehicle, number of sensors, vehicles and devices,
 * recent events). It knows no geofences: they are not announced as events.
 *
 * <p>{@link LiveFeed} records each application event here before it sends it to the clients, so that a client
 * connecting meanwhile finds it in its snapshot or receives it (never neither). Called on the publishing
 * thread (ingest, timers), so every method is short and synchronized on this object; a snapshot copies under
 * the same lock.
 */
@Singleton
@Secondary
public class RecentActivity implements LiveSnapshotSource {

    private final LiveSettings settings;
    private final Map<String, SensorState> sensors;
    private final Map<String, VehicleState> vehicles;
    private final Map<String, Availability> devices;
    private final Deque<HubEvent> events = new ArrayDeque<>();

    RecentActivity(LiveSettings settings) {
        this.settings = settings;
        this.sensors = bounded(settings.maxSensors());
        this.vehicles = bounded(settings.maxVehicles());
        this.devices = bounded(settings.maxDevices());
    }

    synchronized void record(Reading reading) {
        SensorState state = sensors.remove(reading.sensorId());
        if (state == null) {
            state = new SensorState(reading.room(), reading.sensor());
        }
        if (reading.unit() != null) {
            state.unit = reading.unit();
        }
        keepLast(state.points, new Point(reading.measuredAt(), reading.value()), settings.pointsPerSensor());
        sensors.put(reading.sensorId(), state);  // re-inserted: the most recently updated is evicted last
    }

    synchronized void record(Position position) {
        VehicleState state = vehicles.remove(position.vehicleId());
        if (state == null) {
            state = new VehicleState();
        }
        state.latest = position;
        keepLast(state.trail, new TrailPoint(position.lat(), position.lon(), position.fixTime()),
                settings.positionsPerVehicle());
        vehicles.put(position.vehicleId(), state);
    }

    synchronized void record(Availability availability) {
        devices.remove(availability.device());
        devices.put(availability.device(), availability);
    }

    synchronized void record(HubEvent event) {
        events.addFirst(event);
        while (events.size() > settings.recentEvents()) {
            events.removeLast();
        }
    }

    @Override
    public synchronized LiveSnapshot snapshot() {
        List<SensorSeries> sensorList = new ArrayList<>(sensors.size());
        sensors.forEach((id, s) -> sensorList.add(new SensorSeries(id, s.room, s.sensor, s.unit, List.copyOf(s.points))));
        List<VehicleTrail> vehicleList = new ArrayList<>(vehicles.size());
        vehicles.forEach((id, v) -> vehicleList.add(new VehicleTrail(id, v.latest, List.copyOf(v.trail))));
        return new LiveSnapshot(Instant.now(), sensorList, List.copyOf(devices.values()), vehicleList, List.of(),
                List.copyOf(events));
    }

    private static <T> void keepLast(Deque<T> deque, T item, int limit) {
        deque.addLast(item);
        while (deque.size() > limit) {
            deque.removeFirst();
        }
    }

    /** Insertion order, where the entry inserted longest ago goes once there are more than {@code limit}. */
    private static <V> Map<String, V> bounded(int limit) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > limit;
            }
        };
    }

    private static final class SensorState {
        final String room;
        final String sensor;
        String unit;
        final Deque<Point> points = new ArrayDeque<>();

        SensorState(String room, String sensor) {
            this.room = room;
            this.sensor = sensor;
        }
    }

    private static final class VehicleState {
        Position latest;
        final Deque<TrailPoint> trail = new ArrayDeque<>();
    }
}
