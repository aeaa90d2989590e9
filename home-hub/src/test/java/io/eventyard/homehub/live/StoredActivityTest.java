package io.eventyard.homehub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.eventyard.homehub.devices.DeviceSignal;
import io.eventyard.homehub.devices.DeviceTracker;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.fleet.FleetTracker;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.live.LiveSnapshot.Point;
import io.eventyard.homehub.live.LiveSnapshot.SensorSeries;
import io.eventyard.homehub.live.LiveSnapshot.TrailPoint;
import io.eventyard.homehub.telemetry.Reading;
import io.eventyard.homehub.telemetry.ReadingStore;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;

/**
 * The snapshot read from the database, with small bounds: what a dashboard gets from a home-hub that has
 * just started (nothing announced in this process), on H2 here and on PostgreSQL in the subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredActivityTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

    private TestDatabase database;
    private ApplicationContext context;

    TestDatabase database() throws Exception {
        return TestDatabase.h2("home-hub-stored-activity");
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        database = database();
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("home-hub.mqtt.enabled", false);
        properties.put("live.points-per-sensor", 3);
        properties.put("live.positions-per-vehicle", 2);
        properties.put("live.recent-events", 2);
        properties.put("live.max-sensors", 2);
        context = ApplicationContext.run(properties, "test");
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        transactions.executeWrite(status -> {
            context.getBean(ReadingStore.class).store(List.of(
                    reading("attic/temperature", 0, -100),   // updated longest ago: beyond max-sensors
                    reading("kitchen/humidity", 0, 41), reading("kitchen/humidity", 10, 42),
                    reading("kitchen/humidity", 20, 43), reading("kitchen/humidity", 30, 44),
                    reading("hall/temperature", 40, 19.5)));
            context.getBean(FleetTracker.class).record(List.of(
                    position(0, 51.0), position(10, 51.1), position(20, 51.2)));
            context.getBean(DeviceTracker.class).record(List.of(
                    DeviceSignal.status("kitchen", true, T0.plusSeconds(5)),
                    DeviceSignal.status("hall", true, T0.plusSeconds(6)),
                    DeviceSignal.status("plug", false, T0.plusSeconds(7))));
            return null;
        });
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        database.close();
    }

    @Test
    void readsTheNewestOfEverythingWithinTheBounds() {
        LiveSnapshot snapshot = context.getBean(LiveSnapshotSource.class).snapshot();

        assertThat(snapshot.sensors()).extracting(SensorSeries::sensorId)
                .containsExactly("hall/temperature", "kitchen/humidity");
        SensorSeries humidity = snapshot.sensors().get(1);
        assertThat(humidity.unit()).isEqualTo("%");
        assertThat(humidity.points()).extracting(Point::value).as("the newest three, oldest first")
                .containsExactly(42.0, 43.0, 44.0);

        assertThat(snapshot.vehicles()).singleElement().satisfies(van -> {
            assertThat(van.latest().lat()).isEqualTo(51.2);
            assertThat(van.latest().fixTime()).isEqualTo(T0.plusSeconds(20));
            assertThat(van.trail()).extracting(TrailPoint::lat).containsExactly(51.1, 51.2);
        });

        assertThat(snapshot.devices()).hasSize(3)
                .anySatisfy(device -> {
                    assertThat(device.device()).isEqualTo("plug");
                    assertThat(device.online()).isFalse();
                });
        assertThat(snapshot.events()).extracting(HubEvent::subject).as("the newest two, newest first")
                .containsExactly("plug", "hall");
    }

    @Test
    void isTheSnapshotSourceOverTheInMemoryOne() {
        assertThat(context.getBean(LiveSnapshotSource.class)).isInstanceOf(StoredActivity.class);
    }

    private static Reading reading(String sensorId, int second, double value) {
        String[] parts = sensorId.split("/");
        Instant at = T0.plusSeconds(second);
        return new Reading(sensorId, parts[0], parts[1], value, sensorId.endsWith("humidity") ? "%" : "°C", at, at);
    }

    private static Position position(int second, double lat) {
        Instant at = T0.plusSeconds(second);
        return new Position("van-7", lat, 4.9, 30.0, 90.0, 5.0, at, at);
    }
}
