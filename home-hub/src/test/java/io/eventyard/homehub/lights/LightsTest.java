package io.eventyard.homehub.lights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventyard.messaging.testing.ServiceUnderTest;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lights through the bundled broker: a Paho client plays the light, another watches the commands. */
class LightsTest {

    private static ServiceUnderTest service;
    private static HttpClient http;
    private static MqttClient light;

    private final String id = "lamp-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        service = ServiceUnderTest.start(TestDatabase.h2("home-hub-lights"), Map.of());
        http = HttpClient.create(service.server().getURL());
        light = connect("light-");
    }

    @AfterAll
    static void stop() throws Exception {
        light.disconnect();
        light.close();
        http.close();
        service.close();
    }

    @Test
    void aCommandIsAcceptedAndPublishedForTheLight() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        light.subscribe("home/lights/+/set", 1, (topic, message) -> {
            if (topic.equals("home/lights/" + id + "/set")) {
                commands.add(new String(message.getPayload(), StandardCharsets.UTF_8) + " qos" + message.getQos());
            }
        });

        HttpResponse<Map<String, Object>> accepted = http.toBlocking().exchange(
                HttpRequest.POST("/home/lights/" + id, Map.of("on", true, "brightness", 80)),
                Argument.mapOf(String.class, Object.class));

        assertThat(accepted.code()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !commands.isEmpty());
        assertThat(commands).containsExactly("{\"on\":true,\"brightness\":80} qos1");
        // commanded is not reported: the state stays unknown until the light says so
        assertThat(status(HttpRequest.GET("/home/lights/" + id))).isEqualTo(404);
    }

    @Test
    void theStateIsWhatTheLightReportsOnItsRetainedTopic() throws Exception {
        report("{\"on\":true,\"brightness\":40}");
        Map<String, Object> shown = awaitState(40);
        assertThat(shown).containsEntry("id", id).containsKey("reportedAt");

        report("{\"on\":false,\"brightness\":40}");
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(state().get("on")));
        List<Map<String, Object>> all = http.toBlocking().retrieve(HttpRequest.GET("/home/lights"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(all).extracting(l -> l.get("id")).contains(id);

        report("not json");                                     // ignored: the last good state stays
        report("{\"on\":true,\"brightness\":60}");
        awaitState(60);

        report("");                                             // the retained state deleted: the light is gone
        await().atMost(Duration.ofSeconds(10)).until(() -> status(HttpRequest.GET("/home/lights/" + id)) == 404);
    }

    @Test
    void badCommandsAreRejectedNamingTheField() {
        HttpClientResponseException rejected = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/home/lights/" + id,
                        Map.of("on", true, "brightness", 101)), Argument.of(String.class), Argument.of(String.class)));
        assertThat(rejected.getStatus().getCode()).isEqualTo(400);
        assertThat(rejected.getResponse().getContentType().orElseThrow().toString())
                .isEqualTo("application/problem+json");
        assertThat(rejected.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"brightness\"");

        HttpClientResponseException empty = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/home/lights/" + id, Map.of()),
                        Argument.of(String.class), Argument.of(String.class)));
        assertThat(empty.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"on\"");
    }

    private void report(String json) throws Exception {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(true);
        light.publish("home/lights/" + id, message);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> state() {
        try {
            Map<String, Object> light = http.toBlocking().retrieve(HttpRequest.GET("/home/lights/" + id),
                    Argument.mapOf(String.class, Object.class));
            return (Map<String, Object>) light.get("state");
        } catch (HttpClientResponseException e) {
            return Map.of();
        }
    }

    private Map<String, Object> awaitState(int brightness) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(brightness).equals(state().get("brightness")));
        return http.toBlocking().retrieve(HttpRequest.GET("/home/lights/" + id), Argument.mapOf(String.class, Object.class));
    }

    private int status(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static MqttClient connect(String prefix) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + service.broker().mqttPort(),
                prefix + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        client.connect(options);
        return client;
    }
}
