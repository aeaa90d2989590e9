package io.eventyard.homehub.fleet;

import io.eventyard.homehub.support.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** What the REST side and the live dashboard read of the fleet: vehicles, their tracks, the geofences. */
@Singleton
public class FleetQueries {

    private static final String TRACK = """
            SELECT lat, lon, speed_kmh, heading, accuracy, fix_time, received_at FROM vehicle_position
            WHERE vehicle_id = ? AND fix_time >= ? AND fix_time < ? ORDER BY fix_time LIMIT ?""";
    // newest first, through the primary key (vehicle_id, fix_time); the caller turns it round
    private static final String RECENT_TRACK = """
            SELECT lat, lon, speed_kmh, heading, accuracy, fix_time, received_at FROM vehicle_position
            WHERE vehicle_id = ? ORDER BY fix_time DESC LIMIT ?""";

    private final VehicleRepository vehicles;
    private final GeofenceRepository geofences;
    private final JdbcOperations jdbc;

    FleetQueries(VehicleRepository vehicles, GeofenceRepository geofences, JdbcOperations jdbc) {
        this.vehicles = vehicles;
        this.geofences = geofences;
        this.jdbc = jdbc;
    }

    /** Each vehicle's last position and state, by id. */
    @ReadOnly
    public List<VehicleView> vehicles() {
        Map<String, String> names = geofences.listOrderById().stream()
                .collect(Collectors.toMap(fence -> String.valueOf(fence.id()), Geofence::name));
        return vehicles.listOrderByVehicleId().stream().map(v -> new VehicleView(v.vehicleId(), v.lat(), v.lon(),
                        v.speedKmh(), v.heading(), v.accuracy(), v.fixTime(), v.receivedAt(), v.moving(),
                        v.overspeedReported(), v.geofences().isEmpty() ? List.of()
                        : Arrays.stream(v.geofences().split(",")).map(names::get).filter(Objects::nonNull).toList()))
                .toList();
    }

    /** A vehicle's fixes from {@code start} (inclusive) to {@code end} (exclusive), oldest first, at most {@code limit}. */
    @ReadOnly
    public List<TrackPoint> track(String vehicleId, Instant start, Instant end, int limit) {
        return points(TRACK, vehicleId, statement -> {
            Sql.setInstant(statement, 2, start);
            Sql.setInstant(statement, 3, end);
            statement.setInt(4, limit);
        });
    }

    /** A vehicle's newest {@code limit} fixes, oldest first (the live dashboard's trail). */
    @ReadOnly
    public List<TrackPoint> recentTrack(String vehicleId, int limit) {
        List<TrackPoint> newestFirst = points(RECENT_TRACK, vehicleId, statement -> statement.setInt(2, limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The geofences, by id. */
    @ReadOnly
    public List<Geofence> geofences() {
        return geofences.listOrderById();
    }

    private List<TrackPoint> points(String sql, String vehicleId, Parameters parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                statement.setString(1, vehicleId);
                parameters.set(statement);
                List<TrackPoint> points = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        points.add(new TrackPoint(rows.getDouble("lat"), rows.getDouble("lon"),
                                Sql.getDouble(rows, "speed_kmh"), Sql.getDouble(rows, "heading"),
                                Sql.getDouble(rows, "accuracy"), Sql.getInstant(rows, "fix_time"),
                                Sql.getInstant(rows, "received_at")));
                    }
                }
                return points;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the track of " + vehicleId, e);
            }
        });
    }

    @FunctionalInterface
    private interface Parameters {
        void set(java.sql.PreparedStatement statement) throws SQLException;
    }
}
