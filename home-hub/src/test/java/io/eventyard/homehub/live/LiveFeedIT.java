package io.eventyard.homehub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.devices.DeviceSignal;
import io.eventyard.homehub.devices.DeviceTracker;
import io.eventyard.homehub.fleet.FleetTracker;
import io.eventyard.homehub.telemetry.ReadingStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.transaction.TransactionOperations;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.live.SseStream.Frame;
import io.eventyard.homehub.telemetry.Reading;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /live} over real sockets, on home-hub as it runs (bundled broker, H2 in memory). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RunningHub hub;
    private ApplicationContext context;
    private JsonMapper json;
    private URI live;
    private HttpClient http;
    private TransactionOperations<Connection> transactions;

    @BeforeAll
    void start() throws Exception {
        // a small client buffer, so that a client that does not read is cut off soon; frequent heartbeats
        hub = RunningHub.start(Map.of("live.client-buffer", 16, "live.heartbeat", "300ms"));
        context = hub.context();
        json = context.getBean(JsonMapper.class);
        live = hub.server().getURI().resolve("/live");
        http = context.createBean(HttpClient.class, hub.server().getURL());
        transactions = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void sendsASnapshotOfWhatIsStoredThenEachEventAsItHappens() throws Exception {
        String room = "room-" + UUID.randomUUID();
        String van = "van-" + UUID.randomUUID();
        Instant now = Instant.now();
        // stored without any application event, as after a restart: the snapshot comes from the database
        http.toBlocking().exchange(HttpRequest.POST("/geofences",
                Map.of("name", "depot-" + room, "lat", 51.5, "lon", -0.12, "radiusMeters", 500)));
        transactions.executeWrite(status -> {
            context.getBean(ReadingStore.class).store(List.of(
                    new Reading(room + "/temperature", room, "temperature", 20.5, "°C", now.minusSeconds(60),
                            now.minusSeconds(60)),
                    new Reading(room + "/temperature", room, "temperature", 21.5, "°C", now, now)));
            context.getBean(FleetTracker.class).record(List.of(
                    new Position(van, 51.49, -0.12, 30.0, 0.0, 5.0, now.minusSeconds(30), now.minusSeconds(30)),
                    new Position(van, 51.5, -0.12, 30.0, 0.0, 5.0, now, now)));
            context.getBean(DeviceTracker.class).record(List.of(DeviceSignal.status(room + "-plug", false, now)));
            return null;
        });

        try (SseStream stream = new SseStream(live)) {
            Frame snapshot = stream.next(WAIT);
            assertThat(snapshot.event()).isEqualTo("snapshot");
            assertThat(snapshot.retry()).as("reconnect delay asked of the browser").isEqualTo("2000");
            JsonNode tree = tree(snapshot);
            assertThat(tree.get("sensors").values()).anySatisfy(sensor -> {
                assertThat(sensor.get("sensorId").getStringValue()).isEqualTo(room + "/temperature");
                assertThat(sensor.get("unit").getStringValue()).isEqualTo("°C");
                assertThat(values(sensor.get("points"), "value")).as("oldest first").containsExactly(20.5, 21.5);
            });
            assertThat(tree.get("vehicles").values()).anySatisfy(vehicle -> {
                assertThat(vehicle.get("vehicleId").getStringValue()).isEqualTo(van);
                assertThat(vehicle.get("latest").get("lat").getNumberValue().doubleValue()).isEqualTo(51.5);
                assertThat(values(vehicle.get("trail"), "lat")).as("oldest first").containsExactly(51.49, 51.5);
            });
            assertThat(tree.get("devices").values()).anySatisfy(device -> {
                assertThat(device.get("device").getStringValue()).isEqualTo(room + "-plug");
                assertThat(device.get("online").getBooleanValue()).isFalse();
            });
            assertThat(tree.get("geofences").values()).anySatisfy(fence ->
                    assertThat(fence.get("name").getStringValue()).isEqualTo("depot-" + room));
            assertThat(tree.get("events").values()).anySatisfy(event -> {
                assertThat(event.get("kind").getStringValue()).isEqualTo("geofence.enter");
                assertThat(event.get("subject").getStringValue()).isEqualTo(van);
            });

            context.publishEvent(new Reading(room + "/humidity", room, "humidity", 48, "%", now, now));
            Frame reading = stream.next(WAIT);
            assertThat(reading.event()).isEqualTo("reading");
            assertThat(tree(reading).get("sensorId").getStringValue()).isEqualTo(room + "/humidity");

            String vehicle = "van-" + UUID.randomUUID();
            context.publishEvent(new Position(vehicle, 51.5, -0.12, 42.0, 90.0, 5.0, now, now));
            Frame position = stream.next(WAIT);
            assertThat(position.event()).isEqualTo("position");
            assertThat(tree(position).get("vehicleId").getStringValue()).isEqualTo(vehicle);

            context.publishEvent(new Availability(room + "-plug", false, now, "status"));
            Frame availability = stream.next(WAIT);
            assertThat(availability.event()).isEqualTo("availability");
            assertThat(tree(availability).get("online").getBooleanValue()).isFalse();

            context.publishEvent(new HubEvent("device.offline", room + "-plug", "went offline", "warning", now));
            Frame event = stream.next(WAIT);
            assertThat(event.event()).isEqualTo("event");
            assertThat(tree(event).get("kind").getStringValue()).isEqualTo("device.offline");
        }
    }

    @Test
    void sendsTheGeofencesAfterEachChange() throws Exception {
        String name = "fence-" + UUID.randomUUID();
        try (SseStream stream = new SseStream(live)) {
            assertThat(stream.next(WAIT).event()).isEqualTo("snapshot");

            Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/geofences",
                    Map.of("name", name, "lat", 48.2, "lon", 16.37, "radiusMeters", 250)), Map.class);
            Frame afterCreate = stream.next(WAIT);
            assertThat(afterCreate.event()).isEqualTo("geofences");
            assertThat(tree(afterCreate).get("geofences").values()).anySatisfy(fence -> {
                assertThat(fence.get("name").getStringValue()).isEqualTo(name);
                assertThat(fence.get("radiusMeters").getNumberValue().doubleValue()).isEqualTo(250);
            });

            http.toBlocking().exchange(HttpRequest.DELETE("/geofences/" + created.get("id")));
            Frame afterDelete = stream.next(WAIT);
            assertThat(afterDelete.event()).isEqualTo("geofences");
            JsonNode left = tree(afterDelete).get("geofences");
            if (left != null) {  // an empty list is left out
                assertThat(left.values()).noneSatisfy(fence ->
                        assertThat(fence.get("name").getStringValue()).isEqualTo(name));
            }
        }
    }

    @Test
    void keepsAnIdleStreamAliveWithHeartbeats() throws Exception {
        try (SseStream stream = new SseStream(live)) {
            assertThat(stream.nextOrHeartbeat(WAIT).event()).isEqualTo("snapshot");
            Frame heartbeat = stream.nextOrHeartbeat(WAIT);
            assertThat(heartbeat.event()).isEqualTo("heartbeat");
            assertThat(tree(heartbeat).get("at").getStringValue()).isNotBlank();
        }
    }

    @Test
    void cutsOffAClientThatDoesNotReadAndKeepsServingTheOthers() throws Exception {
        LiveFeed feed = context.getBean(LiveFeed.class);
        try (Socket stuck = new Socket(); SseStream reader = new SseStream(live)) {
            stuck.setReceiveBufferSize(1024);
            stuck.connect(new InetSocketAddress(live.getHost(), live.getPort()));
            OutputStream out = stuck.getOutputStream();
            out.write(("GET /live HTTP/1.1\r\nHost: " + live.getHost() + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(reader.next(WAIT).event()).isEqualTo("snapshot");
            await().atMost(WAIT).until(() -> feed.clients() == 2);

            // readings with a long unit fill the socket buffers quickly; the stuck client never reads
            String room = "room-" + UUID.randomUUID();
            String unit = "u".repeat(4000);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int i = 0; i < 50; i++) {
                    Instant now = Instant.now();
                    context.publishEvent(new Reading(room + "/flood", room, "flood", i, unit, now, now));
                    // the reading client keeps up
                    assertThat(reader.next(WAIT).event()).isEqualTo("reading");
                }
                return feed.clients() == 1;
            });
        }
    }

    private static List<Double> values(JsonNode array, String field) {
        List<Double> values = new ArrayList<>();
        array.values().forEach(item -> values.add(item.get(field).getNumberValue().doubleValue()));
        return values;
    }

    private JsonNode tree(Frame frame) throws Exception {
        return json.readValue(frame.data(), JsonNode.class);
    }
}
