package io.eventyard.simulator.bench;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * home-hub's stored readings, read over JDBC (PostgreSQL, or its H2 file opened with {@code AUTO_SERVER=TRUE}):
 * the {@code reading} history and the {@code latest_reading} table its ingestion writes in the same transaction.
 * Read-only. Not thread-safe: one connection, one caller at a time.
 */
final class StoredReadings implements AutoCloseable {

    private final Connection connection;
    private final Map<String, Instant> lastSeen = new HashMap<>();

    StoredReadings(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(true);
    }

    /** History rows measured at or after {@code from}. */
    synchronized long countSince(Instant from) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM reading WHERE measured_at >= ?")) {
            statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Records, for every sensor whose latest value moved since the last call, how long ago that value was
     * measured: an upper bound of its publish-to-committed lag, too high by at most the polling interval.
     */
    synchronized void sampleVisibleLag(Histogram lagMillis) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sensor_id, measured_at FROM latest_reading");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Instant measured = rows.getObject(2, OffsetDateTime.class).toInstant();
                Instant previous = lastSeen.put(rows.getString(1), measured);
                if (previous != null && measured.isAfter(previous)) {
                    lagMillis.recordValue(Math.max(0, now.toEpochMilli() - measured.toEpochMilli()));
                }
            }
        }
    }

    /** Publish-to-received lag ({@code received_at - measured_at}) of every row measured in [from, to). */
    synchronized void receiveLag(Instant from, Instant to, Histogram lagMillis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT measured_at, received_at FROM reading WHERE measured_at >= ? AND measured_at < ?")) {
            statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long measured = rows.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
                    long received = rows.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli();
                    lagMillis.recordValue(Math.max(0, received - measured));
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
