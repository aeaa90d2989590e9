package io.eventyard.homehub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.eventyard.homehub.telemetry.Reading;
import io.eventyard.messaging.testing.ServiceUnderTest;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert rules end to end inside home-hub: readings published as the ingest publishes them, the MQTT alert seen by
 * a Paho client on the bundled broker, the {@code email.send} command taken from the broker's {@code email.send}
 * queue with the RabbitMQ client (no email-worker runs here, so the queue keeps them).
 */
class AlertsTest {

    private static final Instant T0 = Instant.parse("2026-07-01T12:00:00Z");

    private TestDatabase database;
    private final List<String[]> mqtt = new CopyOnWriteArrayList<>();
    private ServiceUnderTest service;
    private EmbeddedServer restarted;
    private HttpClient http;
    private MqttClient subscriber;
    private Connection amqp;
    private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        database = database();
        startService();
    }

    /** H2 here; {@link AlertsOnPostgresTest} runs the same on PostgreSQL. */
    TestDatabase database() throws Exception {
        return TestDatabase.h2("home-hub-alerts");
    }

    private static final Map<String, Object> SETTINGS = Map.of("homehub.alerts.email-to", "owner@example.com",
            "homehub.alerts.notice-interval", "200ms");

    private void startService() throws Exception {
        service = ServiceUnderTest.start(database, SETTINGS);
        http = HttpClient.create(service.server().getURL());
        subscriber = new MqttClient("tcp://127.0.0.1:" + service.broker().mqttPort(),
                "alerts-test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        subscriber.connect(options);
        subscriber.subscribe("alerts/#", 1, (topic, message) ->
                mqtt.add(new String[] {topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        Boolean.toString(message.isRetained())}));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:" + service.broker().amqpPort() + "/%2F");
        amqp = factory.newConnection("alerts-test");
    }

    /** The service as it runs now: the first one, or the one a restart started on the same database and broker. */
    private EmbeddedServer server() {
        return restarted != null ? restarted : service.server();
    }

    /** Stops home-hub and starts it again on the same database and the same broker. */
    private void restart() {
        http.close();
        server().getApplicationContext().close();
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + service.broker().amqpPort() + "/%2F");
        properties.put("mqtt.client.server-uri", "tcp://127.0.0.1:" + service.broker().mqttPort());
        properties.putAll(SETTINGS);
        restarted = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        http = HttpClient.create(restarted.getURL());
    }

    @AfterEach
    void stop() throws Exception {
        amqp.close();
        subscriber.disconnect();
        subscriber.close();
        http.close();
        if (restarted != null) {
            restarted.getApplicationContext().close();
        }
        service.close();
    }

    @Test
    void firesAfterTheDurationNotBeforeClearsWithHysteresisAndFiresAgain() throws Exception {
        String sensor = room + "/temperature";
        Map<String, Object> rule = createRule(Map.of("sensorId", sensor, "operator", "above", "threshold", 28,
                "duration", "PT5M", "clearThreshold", 26, "clearDuration", "PT1M", "severity", "critical"));
        long ruleId = ((Number) rule.get("id")).longValue();
        String topic = "alerts/critical/" + ruleId;

        read(sensor, 29, T0);
        read(sensor, 30, T0.plusSeconds(240));            // 4 minutes: not yet
        assertThat(activeAlerts()).isEmpty();
        read(sensor, 27, T0.plusSeconds(270));            // below the threshold: the 5 minutes start again
        read(sensor, 29, T0.plusSeconds(300));
        read(sensor, 29, T0.plusSeconds(599));            // 4:59 after the restart: still not
        assertThat(activeAlerts()).isEmpty();
        read(sensor, 29.5, T0.plusSeconds(600));          // 5 minutes: fires
        read(sensor, 31, T0.plusSeconds(660));            // still above: fires only once

        List<Map<String, Object>> active = activeAlerts();
        assertThat(active).hasSize(1);
        assertThat(active.get(0)).containsEntry("firedValue", 29.5).containsEntry("severity", "critical");
        Map<String, Object> fired = awaitMqtt(topic, "firing");
        assertThat(fired).containsEntry("ruleId", (int) ruleId).containsEntry("value", 29.5)
                .containsEntry("sensorId", sensor).containsEntry("at", T0.plusSeconds(600).toString());

        read(sensor, 27, T0.plusSeconds(700));            // below 28 but above the clear threshold 26: hysteresis
        read(sensor, 25, T0.plusSeconds(720));            // clear pending
        read(sensor, 25.5, T0.plusSeconds(779));          // 59 s: not yet
        assertThat(activeAlerts()).hasSize(1);
        read(sensor, 25, T0.plusSeconds(780));            // 1 minute below 26: clears
        assertThat(activeAlerts()).isEmpty();
        awaitMqtt(topic, "cleared");

        read(sensor, 35, T0.plusSeconds(900));
        read(sensor, 35, T0.plusSeconds(1200));           // fires again, a new alert
        assertThat(activeAlerts()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> states(topic).size() == 3);
        assertThat(states(topic)).containsExactly("firing", "cleared", "firing");

        List<Map<String, Object>> recent = alerts().get("recent");
        assertThat(recent).hasSize(2);
        assertThat(recent.get(1)).containsEntry("endedBy", "clear").containsEntry("clearedValue", 25.0);

        // the e-mail commands: one per transition, each with its own deterministic message id
        List<GetResponse> mails = awaitEmails(3);
        List<String> ids = mails.stream().map(m -> m.getProps().getMessageId()).toList();
        long firstAlert = ((Number) recent.get(1).get("id")).longValue();
        assertThat(ids).containsExactly("home-hub:alert:" + firstAlert + ":fired",
                "home-hub:alert:" + firstAlert + ":cleared", "home-hub:alert:" + (firstAlert + 1) + ":fired");
        Map<String, Object> command = json(mails.get(0).getBody());
        assertThat(command).containsEntry("to", "owner@example.com").containsEntry("template", "alert")
                .containsEntry("messageId", ids.get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) command.get("model");
        assertThat(model).containsEntry("transition", "fired").containsEntry("severity", "critical")
                .containsEntry("sensorId", sensor).containsEntry("value", "29.5")
                .containsEntry("title", "[critical] alert fired: " + sensor)
                .containsEntry("rule", sensor + " above 28.0 for PT5M");

        // the event log has both kinds
        List<Map<String, Object>> events = getList("/events?kind=alert.");
        assertThat(events).extracting(e -> e.get("kind")).containsExactly("alert.fired", "alert.cleared", "alert.fired");
    }

    @Test
    void aPendingTriggerAndAnActiveAlertSurviveARestart() throws Exception {
        String sensor = room + "/humidity";
        long ruleId = ((Number) createRule(Map.of("sensorId", sensor, "operator", "below", "threshold", 30,
                "duration", "PT2M", "severity", "warning")).get("id")).longValue();
        read(sensor, 20, T0);

        restart();
        read(sensor, 21, T0.plusSeconds(120));
        assertThat(activeAlerts()).hasSize(1);

        restart();
        // retained on the broker, which ran on: a subscriber that comes afterwards learns that the alert is firing
        assertThat(retainedOn("alerts/warning/" + ruleId)).contains("\"state\":\"firing\"");
        read(sensor, 31, T0.plusSeconds(180));            // no clear threshold or duration given: the first reading back
        assertThat(activeAlerts()).isEmpty();
    }

    @Test
    void deletingARuleWithdrawsItsAlertAndItsRetainedMessage() throws Exception {
        String sensor = room + "/power";
        long ruleId = ((Number) createRule(Map.of("sensorId", sensor, "operator", "above", "threshold", 3000,
                "duration", "PT0S", "severity", "info")).get("id")).longValue();
        read(sensor, 3500, T0);
        awaitMqtt("alerts/info/" + ruleId, "firing");
        // retained: a subscriber that comes afterwards learns that the alert is firing
        assertThat(retainedOn("alerts/info/" + ruleId)).contains("\"state\":\"firing\"");

        HttpResponse<?> deleted = http.toBlocking().exchange(HttpRequest.DELETE("/alert-rules/" + ruleId));
        assertThat(deleted.code()).isEqualTo(204);
        assertThat(activeAlerts()).isEmpty();
        assertThat(alerts().get("recent").get(0)).containsEntry("endedBy", "rule-changed");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mqtt.stream().anyMatch(m -> m[0].equals("alerts/info/" + ruleId) && m[1].isEmpty()));
        assertThat(status(HttpRequest.GET("/alert-rules/" + ruleId))).isEqualTo(404);
    }

    @Test
    void rulesAreCheckedFieldByField() {
        HttpClientResponseException rejected = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST("/alert-rules",
                        Map.of("sensorId", "home/#", "operator", "over", "threshold", 28, "duration", "5 minutes",
                                "clearThreshold", 30, "severity", "loud")), Argument.of(String.class),
                        Argument.of(String.class)));
        assertThat(rejected.getStatus().getCode()).isEqualTo(400);
        assertThat(rejected.getResponse().getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        String body = rejected.getResponse().getBody(String.class).orElseThrow();
        for (String field : List.of("sensorId", "operator", "duration", "severity")) {
            assertThat(body).contains("\"field\":\"" + field + "\"");
        }

        // a clear threshold above the threshold of an above rule would never clear
        String hysteresis = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/alert-rules", Map.of("sensorId", "a/b",
                        "operator", "above", "threshold", 28, "duration", "PT1M", "clearThreshold", 30,
                        "severity", "info")), Argument.of(String.class), Argument.of(String.class)))
                .getResponse().getBody(String.class).orElseThrow();
        assertThat(hysteresis).contains("\"field\":\"clearThreshold\"");

        Map<String, Object> created = createRule(Map.of("sensorId", "a/b", "operator", "below", "threshold", 5,
                "duration", "PT10M", "severity", "info"));
        assertThat(created).containsEntry("clearThreshold", 5.0).containsEntry("clearDuration", "PT0S")
                .containsEntry("duration", "PT10M");
        long id = ((Number) created.get("id")).longValue();
        Map<String, Object> replaced = http.toBlocking().retrieve(HttpRequest.PUT("/alert-rules/" + id,
                Map.of("sensorId", "a/b", "operator", "below", "threshold", 5, "duration", "PT10M",
                        "clearThreshold", 7, "severity", "warning")), Argument.mapOf(String.class, Object.class));
        assertThat(replaced).containsEntry("severity", "warning").containsEntry("clearThreshold", 7.0);
        assertThat(getList("/alert-rules")).hasSize(1);
    }

    private String retainedOn(String topic) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient late = new MqttClient("tcp://127.0.0.1:" + service.broker().mqttPort(),
                "alerts-late-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        late.connect(options);
        try {
            late.subscribe(topic, 1, (t, message) -> {
                if (message.isRetained()) {
                    seen.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            return seen.get(0);
        } finally {
            late.disconnect();
            late.close();
        }
    }

    private Map<String, Object> createRule(Map<String, Object> body) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(HttpRequest.POST("/alert-rules", body),
                Argument.mapOf(String.class, Object.class));
        assertThat(response.code()).isEqualTo(201);
        return response.body();
    }

    private void read(String sensorId, double value, Instant measuredAt) {
        String[] parts = sensorId.split("/");
        server().getApplicationContext().getEventPublisher(Reading.class)
                .publishEvent(new Reading(sensorId, parts[0], parts[1], value, "C", measuredAt, Instant.now()));
    }

    private Map<String, List<Map<String, Object>>> alerts() {
        return http.toBlocking().retrieve(HttpRequest.GET("/alerts"),
                Argument.mapOf(Argument.STRING, Argument.listOf(Argument.mapOf(String.class, Object.class))));
    }

    private List<Map<String, Object>> activeAlerts() {
        return alerts().get("active");
    }

    private List<Map<String, Object>> getList(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private int status(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private List<String> states(String topic) {
        return mqtt.stream().filter(m -> m[0].equals(topic) && !m[1].isEmpty())
                .map(m -> (String) json(m[1].getBytes(StandardCharsets.UTF_8)).get("state")).toList();
    }

    private Map<String, Object> awaitMqtt(String topic, String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> states(topic).contains(state));
        return mqtt.stream().filter(m -> m[0].equals(topic) && !m[1].isEmpty())
                .map(m -> json(m[1].getBytes(StandardCharsets.UTF_8)))
                .filter(m -> state.equals(m.get("state"))).findFirst().orElseThrow();
    }

    private List<GetResponse> awaitEmails(int count) throws Exception {
        List<GetResponse> taken = new ArrayList<>();
        try (Channel channel = amqp.createChannel()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                GetResponse next = channel.basicGet("email.send", true);
                if (next != null) {
                    taken.add(next);
                }
                return taken.size() >= count;
            });
        }
        return taken;
    }

    private Map<String, Object> json(byte[] body) {
        try {
            return server().getApplicationContext().getBean(ObjectMapper.class)
                    .readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
