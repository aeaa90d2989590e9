package io.eventyard.messaging.inbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * The consumer side of exactly-once effects over an at-least-once broker: the ids of the messages a
 * consumer has acted on, recorded in the same transaction as the effect. A message whose id is already
 * here is a redelivery or a duplicate, and is acknowledged without acting again.
 *
 * <p>Two deliveries of one id handled at the same moment both pass {@link #alreadyProcessed}; the second
 * {@link #record} then violates the primary key, its transaction rolls back with its effect, and its
 * redelivery finds the row.
 */
@Singleton
public class Inbox {

    private final JdbcOperations jdbc;
    private final Clock clock = Clock.systemUTC();

    public Inbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean alreadyProcessed(String consumer, String messageId) {
        return jdbc.prepareStatement(
                "SELECT 1 FROM inbox_message WHERE consumer = ? AND message_id = ?", statement -> {
                    statement.setString(1, consumer);
                    statement.setString(2, messageId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next();
                    }
                });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String consumer, String messageId) {
        jdbc.prepareStatement(
                "INSERT INTO inbox_message (consumer, message_id, processed_at) VALUES (?, ?, ?)", statement -> {
                    statement.setString(1, consumer);
                    statement.setString(2, messageId);
                    statement.setTimestamp(3, Timestamp.from(clock.instant()));
                    return statement.executeUpdate();
                });
    }
}
