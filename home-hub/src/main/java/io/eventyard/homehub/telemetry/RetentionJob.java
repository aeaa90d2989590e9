package io.eventyard.homehub.telemetry;

import io.eventyard.homehub.support.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes readings and vehicle positions older than {@code home-hub.retention}. The latest values and the
 * vehicles' last positions stay: they are the state, not history.
 */
@Singleton
class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcOperations jdbc;
    private final TelemetrySettings settings;

    RetentionJob(JdbcOperations jdbc, TelemetrySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "${home-hub.retention-interval:1h}", initialDelay = "${home-hub.retention-interval:1h}")
    void run() {
        try {
            purge(Instant.now().minus(settings.getRetention()));
        } catch (RuntimeException e) {
            LOG.warn("retention run failed, next run tries again: {}", e.toString());
        }
    }

    @Transactional
    int purge(Instant before) {
        int readings = delete("DELETE FROM reading WHERE measured_at < ?", before);
        int positions = delete("DELETE FROM vehicle_position WHERE fix_time < ?", before);
        if (readings + positions > 0) {
            LOG.info("retention: deleted {} readings and {} positions older than {}", readings, positions, before);
        }
        return readings + positions;
    }

    private int delete(String sql, Instant before) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                Sql.setInstant(statement, 1, before);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("retention: " + sql, e);
            }
        });
    }
}
