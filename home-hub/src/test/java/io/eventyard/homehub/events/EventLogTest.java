package io.eventyard.homehub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.eventyard.homehub.live.RecentActivity;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;

/**
 * The event log announces an event once the transaction that stored it has committed, never for a transaction
 * that rolled back, and at once without a transaction. What was announced is read from the live feed's
 * in-memory record ({@link RecentActivity}), which every announced {@link HubEvent} reaches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLogTest {

    private TestDatabase database;
    private ApplicationContext context;
    private EventLog log;
    private RecentActivity announced;
    private TransactionOperations<Connection> transactions;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        database = TestDatabase.h2("home-hub-event-log");
        Map<String, Object> properties = new java.util.HashMap<>(database.properties());
        properties.put("home-hub.mqtt.enabled", false);
        context = ApplicationContext.run(properties, "test");
        log = context.getBean(EventLog.class);
        announced = context.getBean(RecentActivity.class);
        transactions = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        database.close();
    }

    @Test
    void announcesAfterTheCommitNotBefore() {
        HubEvent event = event("committed");

        List<HubEvent> seenInside = transactions.executeWrite(status -> {
            log.record(event);
            return announcedEvents();
        });

        assertThat(seenInside).doesNotContain(event);
        assertThat(announcedEvents()).containsOnlyOnce(event);
        assertThat(log.latest("test.", 1000)).contains(event);
    }

    @Test
    void announcesNothingForATransactionThatRolledBack() {
        HubEvent event = event("rolled-back");

        assertThatThrownBy(() -> transactions.executeWrite(status -> {
            log.record(event);
            throw new IllegalStateException("the batch fails after the event was recorded");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(announcedEvents()).doesNotContain(event);
        assertThat(log.latest("test.", 1000)).doesNotContain(event);
    }

    @Test
    void announcesAtOnceWithoutATransaction() {
        HubEvent event = event("alone");

        log.record(event);

        assertThat(announcedEvents()).containsOnlyOnce(event);
    }

    private List<HubEvent> announcedEvents() {
        return announced.snapshot().events();
    }

    private static HubEvent event(String what) {
        return new HubEvent("test." + what, "subject-" + UUID.randomUUID(), what, "info",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
