package io.eventyard.homehub.telemetry;

import io.eventyard.homehub.support.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the REST side reads: latest values, rooms, and the history aggregated in the database. */
@Singleton
public class TelemetryQueries {

    // Buckets aligned to the epoch (PT1M buckets start on the minute, P1D at midnight UTC): floor(t / bucket).
    // EXTRACT(EPOCH ...) is H2's and PostgreSQL's.
    private static final String HISTORY = """
            SELECT bucket, MIN(reading_value) AS min_value, AVG(reading_value) AS avg_value,
                   MAX(reading_value) AS max_value, COUNT(*) AS readings
            FROM (SELECT FLOOR(EXTRACT(EPOCH FROM measured_at) / CAST(? AS DOUBLE PRECISION)) AS bucket,
                         reading_value
                  FROM reading WHERE sensor_id = ? AND measured_at >= ? AND measured_at < ?) AS in_range
            GROUP BY bucket
            ORDER BY bucket""";

    // newest first, through the primary key (sensor_id, measured_at); the caller turns it round
    private static final String RECENT = """
            SELECT sensor_id, room, sensor, reading_value, unit, measured_at, received_at FROM reading
            WHERE sensor_id = ? ORDER BY measured_at DESC LIMIT ?""";

    private final JdbcOperations jdbc;

    TelemetryQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public List<SensorView> sensors(String room) {
        String sql = "SELECT * FROM latest_reading" + (room == null ? "" : " WHERE room = ?") + " ORDER BY sensor_id";
        return jdbc.prepareStatement(sql, statement -> {
            try {
                if (room != null) {
                    statement.setString(1, room);
                }
                List<SensorView> sensors = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sensors.add(new SensorView(rows.getString("sensor_id"), rows.getString("room"),
                                rows.getString("sensor"), rows.getDouble("reading_value"), rows.getString("unit"),
                                Sql.getInstant(rows, "measured_at"), Sql.getInstant(rows, "received_at")));
                    }
                }
                return sensors;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the latest readings", e);
            }
        });
    }

    @ReadOnly
    public List<RoomView> rooms() {
        Map<String, List<SensorView>> byRoom = new LinkedHashMap<>();
        for (SensorView sensor : sensors(null)) {
            byRoom.computeIfAbsent(sensor.room(), room -> new ArrayList<>()).add(sensor);
        }
        return byRoom.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(room -> new RoomView(room.getKey(), room.getValue().stream().map(SensorView::receivedAt)
                        .max(Instant::compareTo).orElse(null), room.getValue()))
                .toList();
    }

    /** The newest {@code limit} readings of a sensor, oldest first (the live dashboard's chart). */
    @ReadOnly
    public List<Reading> recent(String sensorId, int limit) {
        List<Reading> newestFirst = jdbc.prepareStatement(RECENT, statement -> {
            try {
                statement.setString(1, sensorId);
                statement.setInt(2, limit);
                List<Reading> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new Reading(rows.getString("sensor_id"), rows.getString("room"),
                                rows.getString("sensor"), rows.getDouble("reading_value"), rows.getString("unit"),
                                Sql.getInstant(rows, "measured_at"), Sql.getInstant(rows, "received_at")));
                    }
                }
                return result;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the recent readings of " + sensorId, e);
            }
        });
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @ReadOnly
    public History history(String sensorId, Instant from, Instant to, Duration bucket) {
        double bucketSeconds = bucket.toNanos() / 1e9;
        List<HistoryBucket> buckets = jdbc.prepareStatement(HISTORY, statement -> {
            try {
                statement.setDouble(1, bucketSeconds);
                statement.setString(2, sensorId);
                Sql.setInstant(statement, 3, from);
                Sql.setInstant(statement, 4, to);
                List<HistoryBucket> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long index = rows.getLong("bucket");
                        result.add(new HistoryBucket(Instant.EPOCH.plus(bucket.multipliedBy(index)), rows.getDouble("min_value"),
                                rows.getDouble("avg_value"), rows.getDouble("max_value"), rows.getLong("readings")));
                    }
                }
                return result;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the history of " + sensorId, e);
            }
        });
        // the unit as the sensor last gave it (null when it never did)
        String unit = jdbc.prepareStatement("SELECT unit FROM latest_reading WHERE sensor_id = ?", statement -> {
            try {
                statement.setString(1, sensorId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the unit of " + sensorId, e);
            }
        });
        return new History(sensorId, unit, from, to, bucket.toString(), buckets);
    }
}
