package io.eventyard.homehub.telemetry;

import io.eventyard.homehub.support.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes readings in the caller's transaction: one JDBC batch for the history and two for the latest values.
 * The history's key is (sensor, measurement time), so a message delivered again is stored once; the latest
 * value only moves forward in measurement time, so a late message does not hide a newer one.
 */
@Singleton
public class ReadingStore {

    private static final String INSERT_HISTORY = """
            INSERT INTO reading (sensor_id, room, sensor, reading_value, unit, measured_at, received_at)
            SELECT CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(120)), CAST(? AS VARCHAR(120)),
                   CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(32)), CAST(? AS TIMESTAMP WITH TIME ZONE),
                   CAST(? AS TIMESTAMP WITH TIME ZONE)
            WHERE NOT EXISTS (SELECT 1 FROM reading WHERE sensor_id = ? AND measured_at = ?)""";
    private static final String INSERT_LATEST = """
            INSERT INTO latest_reading (sensor_id, room, sensor, reading_value, unit, measured_at, received_at)
            SELECT CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(120)), CAST(? AS VARCHAR(120)),
                   CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(32)), CAST(? AS TIMESTAMP WITH TIME ZONE),
                   CAST(? AS TIMESTAMP WITH TIME ZONE)
            WHERE NOT EXISTS (SELECT 1 FROM latest_reading WHERE sensor_id = ?)""";
    private static final String UPDATE_LATEST = """
            UPDATE latest_reading SET reading_value = ?, unit = ?, measured_at = ?, received_at = ?
            WHERE sensor_id = ? AND measured_at < ?""";

    private final JdbcOperations jdbc;

    ReadingStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void store(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(INSERT_HISTORY, statement -> batch(statement, readings, true));
        Collection<Reading> latest = newestPerSensor(readings);
        jdbc.prepareStatement(INSERT_LATEST, statement -> batch(statement, latest, false));
        jdbc.prepareStatement(UPDATE_LATEST, statement -> {
            try {
                for (Reading reading : latest) {
                    statement.setDouble(1, reading.value());
                    statement.setString(2, reading.unit());
                    Sql.setInstant(statement, 3, reading.measuredAt());
                    Sql.setInstant(statement, 4, reading.receivedAt());
                    statement.setString(5, reading.sensorId());
                    Sql.setInstant(statement, 6, reading.measuredAt());
                    statement.addBatch();
                }
                return statement.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("could not update the latest readings", e);
            }
        });
    }

    private static int[] batch(PreparedStatement statement, Collection<Reading> readings, boolean history) {
        try {
            for (Reading reading : readings) {
                statement.setString(1, reading.sensorId());
                statement.setString(2, reading.room());
                statement.setString(3, reading.sensor());
                statement.setDouble(4, reading.value());
                statement.setString(5, reading.unit());
                Sql.setInstant(statement, 6, reading.measuredAt());
                Sql.setInstant(statement, 7, reading.receivedAt());
                statement.setString(8, reading.sensorId());
                if (history) {
                    Sql.setInstant(statement, 9, reading.measuredAt());
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not insert " + readings.size() + " readings", e);
        }
    }

    private static Collection<Reading> newestPerSensor(List<Reading> readings) {
        Map<String, Reading> newest = new LinkedHashMap<>();
        for (Reading reading : readings) {
            newest.merge(reading.sensorId(), reading,
                    (a, b) -> b.measuredAt().isBefore(a.measuredAt()) ? a : b);
        }
        return newest.values();
    }
}
