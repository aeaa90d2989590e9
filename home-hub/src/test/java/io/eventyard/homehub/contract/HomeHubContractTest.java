package io.eventyard.homehub.contract;

import static io.eventyard.messaging.testing.ContractChecks.CONTRACT;
import static io.eventyard.messaging.testing.ContractChecks.assertSentAsContracted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventyard.contracts.MessageContract;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.ingest.Parsed;
import io.eventyard.homehub.ingest.PayloadParser;
import io.eventyard.homehub.telemetry.Reading;
import io.eventyard.messaging.testing.ServiceUnderTest;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * home-hub against contracts/asyncapi.yaml, on the bundled broker and H2. What it publishes (light commands, alert
 * notices on MQTT, the alert's email.send command on AMQP) must be what the contract lets it send; the contract's
 * examples of what it reads (readings, positions, statuses, light states) must come out of its own parser, or its
 * MQTT intake, as the values they say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeHubContractTest {

    /** What the examples are parsed as having been received at: a little after their own times. */
    private static final Instant RECEIVED = Instant.parse("2026-11-22T08:00:05Z");
    private static final Instant EXAMPLE_TIME = Instant.parse("2026-11-22T08:00:00Z");
    private static final Instant EXAMPLE_EPOCH = Instant.ofEpochSecond(1795334400);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String[]> published = new CopyOnWriteArrayList<>();
    private ServiceUnderTest service;
    private HttpClient http;
    private MqttClient device;
    private PayloadParser parser;
    private JsonMapper json;

    @BeforeAll
    void start() throws Exception {
        service = ServiceUnderTest.start(TestDatabase.h2("home-hub-contract"), Map.of(
                "homehub.alerts.email-to", "owner@example.com",
                "homehub.alerts.notice-interval", "200ms",
                "home-hub.ingest.max-delay", "50ms"));
        http = HttpClient.create(service.server().getURL());
        parser = service.server().getApplicationContext().getBean(PayloadParser.class);
        json = service.server().getApplicationContext().getBean(JsonMapper.class);
        device = new MqttClient("tcp://127.0.0.1:" + service.broker().mqttPort(), "contract-" + run,
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        device.connect(options);
        device.setCallback(new RecordingCallback(published));
        device.subscribe(new String[] {"alerts/#", "home/lights/+/set"}, new int[] {1, 1});
    }

    @AfterAll
    void stop() throws Exception {
        if (device != null) {
            device.disconnect();
            device.close();
        }
        if (http != null) {
            http.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aLightCommandIsPublishedAsTheContractSays() {
        String topic = "home/lights/lamp-" + run + "/set";
        http.toBlocking().exchange(HttpRequest.POST("/home/lights/lamp-" + run, Map.of("on", true, "brightness", 80)));

        String command = awaitPublished(topic);
        CONTRACT.messageOnTopic(topic).assertSent(command);
        assertThat(CONTRACT.messageOnTopic(topic).name()).isEqualTo("LightCommand");
    }

    @Test
    void theReadingExampleOverMqttFiresAnAlertWhoseNoticeAndMailAreAsTheContractSays() throws Exception {
        String room = "room-" + run;
        Map<String, Object> rule = http.toBlocking().retrieve(HttpRequest.POST("/alert-rules", Map.of(
                "sensorId", room + "/temperature", "operator", "above", "threshold", 20, "duration", "PT0S",
                "severity", "critical")), Argument.mapOf(String.class, Object.class));
        String topic = "alerts/critical/" + rule.get("id");

        publish("home/" + room + "/temperature", CONTRACT.message("SensorReading").example("celsius").payload(), false);

        String notice = awaitPublished(topic);
        CONTRACT.messageOnTopic(topic).assertSent(notice);
        Map<String, Object> fired = json.readValue(notice, Argument.mapOf(String.class, Object.class));
        assertThat(fired).containsEntry("value", 21.5).containsEntry("at", EXAMPLE_TIME.toString());
        assertSentAsContracted("emailSend",
                service.shop().awaitEmailCommand("home-hub:alert:" + fired.get("alertId") + ":fired"));
    }

    @Test
    void theLightStateExampleOverMqttIsWhatHomeHubShows() throws Exception {
        String id = "lamp-" + run + "-state";
        publish("home/lights/" + id, CONTRACT.message("LightState").example("dimmed").payload(), true);

        await().atMost(Duration.ofSeconds(10)).until(() -> lightState(id) != null);
        assertThat(lightState(id)).containsEntry("on", true).containsEntry("brightness", 40);
    }

    @Test
    void parsesEverySensorReadingExample() {
        MessageContract readings = CONTRACT.message("SensorReading");

        assertThat(reading(readings, "celsius")).isEqualTo(expected(21.5, "°C", EXAMPLE_TIME));
        assertThat(reading(readings, "motion")).isEqualTo(expected(1, null, EXAMPLE_TIME));
        assertThat(reading(readings, "bare-number")).isEqualTo(expected(48.5, null, RECEIVED));
        assertThat(reading(readings, "epoch-seconds")).isEqualTo(expected(1, null, EXAMPLE_EPOCH));
        assertThat(readings.examples()).hasSize(4);
    }

    @Test
    void parsesEveryVehicleLocationExample() {
        MessageContract locations = CONTRACT.message("VehicleLocation");

        assertThat(position(locations, "eventyard"))
                .isEqualTo(new Position("car-1", 52.370216, 4.895168, 48.2, 271.5, 4.0, EXAMPLE_TIME, RECEIVED));
        assertThat(position(locations, "owntracks"))
                .isEqualTo(new Position("car-1", 52.3702, 4.8952, 12.0, 90.0, 8.0, EXAMPLE_EPOCH, RECEIVED));
        assertThat(locations.examples()).hasSize(2);
    }

    @Test
    void parsesEveryDeviceStatusExample() {
        MessageContract statuses = CONTRACT.message("DeviceStatus");

        assertThat(parse("home/kitchen/status", statuses.example("online").payload()))
                .isEqualTo(new Parsed.DeviceStatus("kitchen", true, RECEIVED));
        assertThat(parse("home/kitchen/status", statuses.example("will").payload()))
                .isEqualTo(new Parsed.DeviceStatus("kitchen", false, RECEIVED));
    }

    @Test
    void whatTheContractRefusesTheParserRejectsToo() {
        Map<String, String> refused = Map.of(
                "fleet/vehicle/car-1/location", "{\"lat\":91,\"lon\":4.9}",
                "home/kitchen/temperature", "{\"value\":\"warm\",\"unit\":\"°C\"}",
                "home/kitchen/status", "asleep");
        refused.forEach((topic, payload) -> {
            assertThat(CONTRACT.messageOnTopic(topic).violationsAsReceived(payload)).as(payload).isNotEmpty();
            assertThat(parse(topic, payload)).as(payload).isInstanceOf(Parsed.Rejected.class);
        });
    }

    private Reading reading(MessageContract readings, String example) {
        Parsed parsed = parse("home/kitchen/temperature", readings.example(example).payload());
        assertThat(parsed).as(example).isInstanceOf(Parsed.SensorReading.class);
        return ((Parsed.SensorReading) parsed).reading();
    }

    private static Reading expected(double value, String unit, Instant measuredAt) {
        return new Reading("kitchen/temperature", "kitchen", "temperature", value, unit, measuredAt, RECEIVED);
    }

    private Position position(MessageContract locations, String example) {
        Parsed parsed = parse("fleet/vehicle/car-1/location", locations.example(example).payload());
        assertThat(parsed).as(example).isInstanceOf(Parsed.VehiclePosition.class);
        return ((Parsed.VehiclePosition) parsed).position();
    }

    private Parsed parse(String topic, String payload) {
        return parser.parse(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private void publish(String topic, String payload, boolean retained) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retained);
        device.publish(topic, message);
    }

    private String awaitPublished(String topic) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> published.stream()
                .filter(message -> message[0].equals(topic)).map(message -> message[1]).findFirst().orElse(null),
                payload -> payload != null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lightState(String id) {
        try {
            Map<String, Object> light = http.toBlocking().retrieve(HttpRequest.GET("/home/lights/" + id),
                    Argument.mapOf(String.class, Object.class));
            return (Map<String, Object>) light.get("state");
        } catch (HttpClientResponseException notYet) {
            return null;
        }
    }
}
