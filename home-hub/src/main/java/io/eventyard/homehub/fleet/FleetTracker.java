package io.eventyard.homehub.fleet;

import io.eventyard.homehub.events.EventLog;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.support.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores positions (the track, one JDBC batch) and moves each vehicle's state forward in fix time: moving or
 * stopped, geofences entered and left ({@code geofence.enter}, {@code geofence.exit}), speed above the limit
 * for at least the minimum duration ({@code vehicle.overspeed}, and {@code vehicle.overspeed.end} when it
 * drops below). All in the caller's transaction. A fix older than the vehicle's newest one joins the track but
 * changes no state: a late message must not move a vehicle back.
 */
@Singleton
public class FleetTracker {

    private static final String INSERT_TRACK = """
            INSERT INTO vehicle_position (vehicle_id, lat, lon, speed_kmh, heading, accuracy, fix_time, received_at)
            SELECT CAST(? AS VARCHAR(120)), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),
                   CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),
                   CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)
            WHERE NOT EXISTS (SELECT 1 FROM vehicle_position WHERE vehicle_id = ? AND fix_time = ?)""";

    private final JdbcOperations jdbc;
    private final VehicleRepository vehicles;
    private final GeofenceRepository geofences;
    private final EventLog eventLog;
    private final FleetSettings settings;

    FleetTracker(JdbcOperations jdbc, VehicleRepository vehicles, GeofenceRepository geofences, EventLog eventLog,
                 FleetSettings settings) {
        this.jdbc = jdbc;
        this.vehicles = vehicles;
        this.geofences = geofences;
        this.eventLog = eventLog;
        this.settings = settings;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(List<Position> positions) {
        if (positions.isEmpty()) {
            return;
        }
        insertTrack(positions);
        List<Geofence> fences = geofences.listOrderById();
        Map<String, List<Position>> byVehicle = positions.stream()
                .sorted(Comparator.comparing(Position::fixTime))
                .collect(Collectors.groupingBy(Position::vehicleId, LinkedHashMap::new, Collectors.toList()));
        byVehicle.forEach((vehicleId, fixes) -> {
            Vehicle before = vehicles.findById(vehicleId).orElse(null);
            Vehicle state = before;
            for (Position fix : fixes) {
                if (state == null || fix.fixTime().isAfter(state.fixTime())) {
                    state = advance(state, fix, fences);
                }
            }
            if (before == null) {
                vehicles.save(state);
            } else if (state != before) {
                vehicles.update(state);
            }
        });
    }

    private Vehicle advance(Vehicle before, Position fix, List<Geofence> fences) {
        Double speed = fix.speedKmh() != null ? fix.speedKmh() : derivedSpeed(before, fix);
        boolean moving = speed != null && speed >= settings.getMovingSpeedKmh();

        Set<String> wasIn = before == null || before.geofences().isEmpty() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(before.geofences().split(",")));
        Set<String> isIn = new LinkedHashSet<>();
        for (Geofence fence : fences) {
            String id = String.valueOf(fence.id());
            if (fence.contains(fix.lat(), fix.lon())) {
                isIn.add(id);
                if (!wasIn.contains(id)) {
                    record("geofence.enter", fix, fix.vehicleId() + " entered " + fence.name(), "info");
                }
            } else if (wasIn.contains(id)) {
                record("geofence.exit", fix, fix.vehicleId() + " left " + fence.name(), "info");
            }
        }

        java.time.Instant since = before == null ? null : before.overspeedSince();
        boolean reported = before != null && before.overspeedReported();
        if (speed != null && speed > settings.getSpeedLimitKmh()) {
            if (since == null) {
                since = fix.fixTime();
            }
            if (!reported && !Duration.between(since, fix.fixTime()).minus(settings.getOverspeedMinDuration())
                    .isNegative()) {
                reported = true;
                record("vehicle.overspeed", fix, String.format(Locale.ROOT,
                        "%s at %.0f km/h, above %.0f km/h since %s", fix.vehicleId(), speed,
                        settings.getSpeedLimitKmh(), since), "warning");
            }
        } else {
            if (reported) {
                record("vehicle.overspeed.end", fix, fix.vehicleId() + " is back under "
                        + String.format(Locale.ROOT, "%.0f km/h", settings.getSpeedLimitKmh()), "info");
            }
            since = null;
            reported = false;
        }
        return new Vehicle(fix.vehicleId(), fix.lat(), fix.lon(), speed, fix.heading(), fix.accuracy(),
                fix.fixTime(), fix.receivedAt(), moving, since, reported, String.join(",", isIn));
    }

    /** Speed from the distance to the previous fix when the device gave none. */
    private static Double derivedSpeed(Vehicle before, Position fix) {
        if (before == null) {
            return null;
        }
        double seconds = Duration.between(before.fixTime(), fix.fixTime()).toMillis() / 1000.0;
        if (seconds <= 0) {
            return null;
        }
        return Geofence.distanceMeters(before.lat(), before.lon(), fix.lat(), fix.lon()) / seconds * 3.6;
    }

    private void record(String kind, Position fix, String detail, String severity) {
        eventLog.record(new HubEvent(kind, fix.vehicleId(), detail, severity, fix.fixTime()));
    }

    private void insertTrack(List<Position> positions) {
        jdbc.prepareStatement(INSERT_TRACK, statement -> {
            try {
                for (Position p : positions) {
                    statement.setString(1, p.vehicleId());
                    statement.setDouble(2, p.lat());
                    statement.setDouble(3, p.lon());
                    Sql.setDouble(statement, 4, p.speedKmh());
                    Sql.setDouble(statement, 5, p.heading());
                    Sql.setDouble(statement, 6, p.accuracy());
                    Sql.setInstant(statement, 7, p.fixTime());
                    Sql.setInstant(statement, 8, p.receivedAt());
                    statement.setString(9, p.vehicleId());
                    Sql.setInstant(statement, 10, p.fixTime());
                    statement.addBatch();
                }
                return statement.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("could not insert " + positions.size() + " positions", e);
            }
        });
    }
}
