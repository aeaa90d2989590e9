package io.eventyard.homehub;

import io.eventyard.messaging.testing.ServiceUnderTest;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * home-hub as its tests run it: the bundled broker and an H2 or PostgreSQL database (ServiceUnderTest), and
 * home-hub's MQTT connection either on the bundled broker or on the Mosquitto named by MQTT_COMPAT_URI, with a
 * shared group, client id and ids of its own so that parallel runs on a shared Mosquitto do not meet.
 */
final class HubUnderTest implements AutoCloseable {

    /** Settings small enough for tests: short batches, short timeouts, a low speed limit. */
    static final Map<String, Object> TEST_SETTINGS = Map.of(
            "home-hub.ingest.max-delay", "50ms",
            "home-hub.devices.inactivity-timeout", "PT3S",
            "home-hub.devices.check-interval", "500ms",
            "home-hub.fleet.speed-limit-kmh", "100",
            "home-hub.fleet.overspeed-min-duration", "PT10S",
            "home-hub.mqtt.max-reconnect-delay", "PT2S");

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final ServiceUnderTest service;
    private final HttpClient http;
    private final String mqttUri;
    private final String mqttUser;
    private final String mqttPassword;

    private HubUnderTest(ServiceUnderTest service, String mqttUri, String mqttUser, String mqttPassword) {
        this.service = service;
        this.mqttUri = mqttUri;
        this.mqttUser = mqttUser;
        this.mqttPassword = mqttPassword;
        this.http = service.server().getApplicationContext().createBean(HttpClient.class, service.server().getURL());
    }

    /** On the bundled broker. */
    static HubUnderTest bundled(TestDatabase database) throws Exception {
        return bundled(database, Map.of());
    }

    /** On the bundled broker, with {@code extra} settings over the test settings. */
    static HubUnderTest bundled(TestDatabase database, Map<String, Object> extra) throws Exception {
        Map<String, Object> settings = new HashMap<>(TEST_SETTINGS);
        settings.putAll(extra);
        settings.put("home-hub.mqtt.client-id", "home-hub-test-" + UUID.randomUUID());
        ServiceUnderTest service = ServiceUnderTest.start(database, settings);
        return new HubUnderTest(service, "tcp://127.0.0.1:" + service.broker().mqttPort(), "guest", "guest");
    }

    /** home-hub's MQTT connection on the broker of {@code compatUri} ({@code tcp://[user:secret@]host:port}). */
    static HubUnderTest on(String compatUri, TestDatabase database) throws Exception {
        URI uri = URI.create(compatUri.trim());
        String user = "";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        String serverUri = "tcp://" + uri.getHost() + ":" + uri.getPort();
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> settings = new HashMap<>(TEST_SETTINGS);
        settings.put("mqtt.client.server-uri", serverUri);
        settings.put("mqtt.client.user-name", user);
        settings.put("mqtt.client.password", password);
        settings.put("home-hub.mqtt.client-id", "home-hub-test-" + unique);
        settings.put("home-hub.mqtt.shared-group", "home-hub-test-" + unique);
        // a clean session: nothing of this run stays queued on the shared server afterwards
        settings.put("home-hub.mqtt.session-expiry", "PT0S");
        return new HubUnderTest(ServiceUnderTest.start(database, settings), serverUri, user, password);
    }

    /** A connected device: a real Paho client on the broker home-hub reads from. */
    MqttClient device(String name, MqttConnectOptions options) throws MqttException {
        MqttClient client = new MqttClient(mqttUri, "dev-" + name + "-" + run + "-" + UUID.randomUUID().toString()
                .substring(0, 6), new MemoryPersistence());
        if (!mqttUser.isEmpty()) {
            options.setUserName(mqttUser);
            options.setPassword(mqttPassword.toCharArray());
        }
        client.connect(options);
        return client;
    }

    MqttClient device(String name) throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        return device(name, options);
    }

    static void publish(MqttClient client, String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    BlockingHttpClient http() {
        return http.toBlocking();
    }

    List<Map<String, Object>> getList(String path) {
        return http().retrieve(HttpRequest.GET(path), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    Map<String, Object> getMap(String path) {
        return http().retrieve(HttpRequest.GET(path), Argument.mapOf(String.class, Object.class));
    }

    ServiceUnderTest service() {
        return service;
    }

    @Override
    public void close() throws Exception {
        http.close();
        service.close();
    }
}
