package io.eventyard.homehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PUBACK goes out only after the message's effect is committed: a reading home-hub could not store when it
 * stopped is delivered again by the broker (home-hub's session outlives the connection) and stored by the
 * next home-hub. A full buffer holds the MQTT connection back rather than dropping anything. Replicas in one
 * shared group each get a part of the messages, and each message is written once.
 */
class AcknowledgementTest {

    private Path brokerDir;
    private Broker broker;
    private TestDatabase database;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void startBroker() throws Exception {
        brokerDir = Files.createTempDirectory("home-hub-ack-broker");
        broker = Broker.start(BrokerConfig.forTests(brokerDir));
        database = TestDatabase.h2("home-hub-ack");
    }

    @AfterEach
    void stopBroker() throws Exception {
        database.close();
        broker.close();
        try (var paths = Files.walk(brokerDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aReadingNotStoredWhenHomeHubStopsIsDeliveredAgainAndStoredByTheNext() throws Exception {
        String room = "vault" + run;
        // a plain subscription: its session keeps what is not acknowledged while home-hub is away (a shared
        // subscription's queue goes when its last member leaves, on the bundled broker as on RabbitMQ)
        Map<String, Object> settings = Map.of("home-hub.ingest.max-attempts", "1000", "home-hub.mqtt.shared-group", "");
        MqttClient device = device();
        try {
            try (EmbeddedServer first = homeHub(settings)) {
                awaitIngesting(first, device);
                sql("ALTER TABLE reading RENAME TO reading_away");
                device.publish("home/" + room + "/temperature", "42".getBytes(StandardCharsets.UTF_8), 1, false);
                MeterRegistry meters = first.getApplicationContext().getBean(MeterRegistry.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> meters.get("homehub.ingest.write.failures").counter().count() >= 1);
            }
            sql("ALTER TABLE reading_away RENAME TO reading");

            try (EmbeddedServer second = homeHub(settings)) {
                List<Map<String, Object>> sensors = await().atMost(Duration.ofSeconds(30))
                        .until(() -> sensors(second, room), list -> !list.isEmpty());
                assertThat(((Number) sensors.get(0).get("value")).doubleValue()).isEqualTo(42.0);
            }
        } finally {
            device.disconnect();
            device.close();
        }
    }

    @Test
    void aFullBufferHoldsTheConnectionBackAndLosesNothing() throws Exception {
        String room = "pantry" + run;
        Map<String, Object> settings = Map.of("home-hub.ingest.max-attempts", "1000",
                "home-hub.ingest.buffer-capacity", "2", "home-hub.ingest.batch-size", "2");
        MqttClient device = device();
        try (EmbeddedServer hub = homeHub(settings)) {
            awaitIngesting(hub, device);
            sql("ALTER TABLE reading RENAME TO reading_away");
            for (int i = 0; i < 30; i++) {
                device.publish("home/" + room + "/s" + i, String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            MeterRegistry meters = hub.getApplicationContext().getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("homehub.ingest.buffered").gauge().value() == 2);

            sql("ALTER TABLE reading_away RENAME TO reading");

            await().atMost(Duration.ofSeconds(60)).until(() -> sensors(hub, room), list -> list.size() == 30);
        } finally {
            device.disconnect();
            device.close();
        }
    }

    @Test
    void aReadingTheDatabaseKeepsRefusingIsKeptAsRejectedAndTheNextOneStored() throws Exception {
        String room = "garage" + run;
        MqttClient device = device();
        try (EmbeddedServer hub = homeHub(Map.of("home-hub.ingest.max-attempts", "2"))) {
            awaitIngesting(hub, device);
            sql("ALTER TABLE reading RENAME TO reading_away");
            device.publish("home/" + room + "/temperature", "42".getBytes(StandardCharsets.UTF_8), 1, false);

            List<Map<String, Object>> rejected = await().atMost(Duration.ofSeconds(30)).until(
                    () -> list(hub, "/rejected?reason=store-failed").stream()
                            .filter(r -> r.get("topic").equals("home/" + room + "/temperature")).toList(),
                    list -> !list.isEmpty());
            assertThat(rejected).singleElement().satisfies(r -> assertThat(r).containsEntry("payload", "42"));

            sql("ALTER TABLE reading_away RENAME TO reading");
            device.publish("home/" + room + "/temperature", "43".getBytes(StandardCharsets.UTF_8), 1, false);
            List<Map<String, Object>> sensors = await().atMost(Duration.ofSeconds(30))
                    .until(() -> sensors(hub, room), list -> !list.isEmpty());
            assertThat(((Number) sensors.get(0).get("value")).doubleValue()).isEqualTo(43.0);
        } finally {
            device.disconnect();
            device.close();
        }
    }

    @Test
    void replicasInOneSharedGroupShareTheMessages() throws Exception {
        String room = "lobby" + run;
        MqttClient device = device();
        try (EmbeddedServer first = homeHub(Map.of("home-hub.mqtt.client-id", "home-hub-a-" + run));
             EmbeddedServer second = homeHub(Map.of("home-hub.mqtt.client-id", "home-hub-b-" + run))) {
            MeterRegistry firstMeters = first.getApplicationContext().getBean(MeterRegistry.class);
            MeterRegistry secondMeters = second.getApplicationContext().getBean(MeterRegistry.class);
            int[] sent = {0};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                device.publish("home/" + room + "/s" + sent[0]++, "1".getBytes(StandardCharsets.UTF_8), 1, false);
                return written(firstMeters) > 0 && written(secondMeters) > 0;
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> sensors(first, room), list -> list.size() == sent[0]);
            assertThat(written(firstMeters) + written(secondMeters)).isEqualTo(sent[0]);
        } finally {
            device.disconnect();
            device.close();
        }
    }

    @Test
    void retainedStatusesAreReadAtStartDespiteTheSharedGroup() throws Exception {
        String plug = "plug" + run;
        MqttClient device = device();
        try {
            device.publish("home/" + plug + "/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);
            try (EmbeddedServer hub = homeHub(Map.of())) {
                List<Map<String, Object>> devices = await().atMost(Duration.ofSeconds(30)).until(
                        () -> list(hub, "/devices"), list -> list.stream().anyMatch(d -> d.get("device").equals(plug)));
                assertThat(devices).filteredOn(d -> d.get("device").equals(plug)).singleElement()
                        .satisfies(d -> assertThat(d).containsEntry("online", true).containsEntry("reason", "status"));
            }
        } finally {
            device.publish("home/" + plug + "/status", new byte[0], 1, true);
            device.disconnect();
            device.close();
        }
    }

    private static List<Map<String, Object>> list(EmbeddedServer hub, String path) {
        try (HttpClient http = hub.getApplicationContext().createBean(HttpClient.class, hub.getURL())) {
            return http.toBlocking().retrieve(HttpRequest.GET(path),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }
    }

    private static double written(MeterRegistry meters) {
        return meters.get("homehub.ingest.written").counter().count();
    }

    private EmbeddedServer homeHub(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("mqtt.client.server-uri", "tcp://127.0.0.1:" + broker.mqttPort());
        properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F");
        properties.put("home-hub.mqtt.client-id", "home-hub-ack-" + run);
        properties.put("home-hub.ingest.max-delay", "50ms");
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private MqttClient device() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + broker.mqttPort(), "dev-" + run,
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        client.connect(options);
        return client;
    }

    private void awaitIngesting(EmbeddedServer hub, MqttClient device) {
        String room = "probe" + run;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            device.publish("home/" + room + "/probe", "1".getBytes(StandardCharsets.UTF_8), 1, false);
            return !sensors(hub, room).isEmpty();
        });
    }

    private static List<Map<String, Object>> sensors(EmbeddedServer hub, String room) {
        try (HttpClient http = hub.getApplicationContext().createBean(HttpClient.class, hub.getURL())) {
            return http.toBlocking().retrieve(HttpRequest.GET("/sensors?room=" + room),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                (String) database.properties().get("datasources.default.url"), "sa", "");
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
