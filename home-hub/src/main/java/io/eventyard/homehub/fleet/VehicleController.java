package io.eventyard.homehub.fleet;

import io.eventyard.homehub.api.InvalidRequestException;
import io.eventyard.homehub.support.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /vehicles}: each vehicle's last position and state. {@code GET /vehicles/{id}/track?from=&to=}: its
 * fixes in fix-time order, {@code from}/{@code to} ISO-8601 instants (default: the last hour), at most
 * {@code limit} (default 10,000) of them, the oldest first.
 */
@Controller("/vehicles")
class VehicleController {

    private static final String TRACK = """
            SELECT lat, lon, speed_kmh, heading, accuracy, fix_time, received_at FROM vehicle_position
            WHERE vehicle_id = ? AND fix_time >= ? AND fix_time < ? ORDER BY fix_time LIMIT ?""";

    private final VehicleRepository vehicles;
    private final GeofenceRepository geofences;
    private final JdbcOperations jdbc;

    VehicleController(VehicleRepository vehicles, GeofenceRepository geofences, JdbcOperations jdbc) {
        this.vehicles = vehicles;
        this.geofences = geofences;
        this.jdbc = jdbc;
    }

    @Get
    List<VehicleView> list() {
        Map<String, String> names = geofences.listOrderById().stream()
                .collect(Collectors.toMap(fence -> String.valueOf(fence.id()), Geofence::name));
        return vehicles.listOrderByVehicleId().stream().map(v -> new VehicleView(v.vehicleId(), v.lat(), v.lon(),
                        v.speedKmh(), v.heading(), v.accuracy(), v.fixTime(), v.receivedAt(), v.moving(),
                        v.overspeedReported(), v.geofences().isEmpty() ? List.of()
                        : Arrays.stream(v.geofences().split(",")).map(names::get).filter(n -> n != null).toList()))
                .toList();
    }

    @Get("/{id}/track")
    @ReadOnly
    List<TrackPoint> track(@PathVariable String id, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                           @QueryValue(defaultValue = "10000") @Min(1) @Max(100000) int limit) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofHours(1)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        return jdbc.prepareStatement(TRACK, statement -> {
            try {
                statement.setString(1, id);
                Sql.setInstant(statement, 2, start);
                Sql.setInstant(statement, 3, end);
                statement.setInt(4, limit);
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
                throw new IllegalStateException("could not read the track of " + id, e);
            }
        });
    }

    private static Instant instant(String parameter, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(parameter, "must be an ISO-8601 time with an offset, such as "
                    + "2026-11-22T08:00:00Z");
        }
    }
}
