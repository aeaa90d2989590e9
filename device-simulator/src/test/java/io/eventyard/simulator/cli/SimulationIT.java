package io.eventyard.simulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator against the bundled broker, watched by a Paho subscriber over a real socket. */
class SimulationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private Broker broker;
    private MqttClient watcher;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Simulation simulation;

    private record Received(String topic, String payload, boolean retained) {
    }

    @BeforeEach
    void startBrokerAndWatcher() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        watcher = new MqttClient(uri(), "watcher-" + UUID.randomUUID(), new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        options.setCleanSession(true);
        watcher.connect(options);
        IMqttMessageListener record = (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
        watcher.subscribe("home/#", 1, record);
        watcher.subscribe("fleet/#", 1, record);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulation != null) {
            simulation.close();
        }
        if (watcher.isConnected()) {
            watcher.disconnect();
        }
        watcher.close();
        broker.close();
    }

    private String uri() {
        return "tcp://127.0.0.1:" + broker.mqttPort();
    }

    private SimulationSettings settings(Double rate, Duration chaosInterval) {
        return new SimulationSettings(uri(), "guest", "guest", 1, 2, rate, Duration.ofMillis(500), 1, chaosInterval,
                null, "it-" + UUID.randomUUID() + "-", 1, 42, Duration.ofSeconds(1));
    }

    private List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Test
    void publishesReadingsPositionsAndAvailabilityInTheDesignFormats() throws Exception {
        simulation = Simulation.start(settings(100.0, null));

        await().atMost(Duration.ofSeconds(20)).until(() -> on("home/kitchen/temperature").size() >= 3
                && on("home/bathroom/power").size() >= 3 && on("fleet/vehicle/car-2/location").size() >= 2);

        JsonNode reading = JSON.readTree(on("home/kitchen/temperature").get(0).payload());
        assertThat(reading.get("value").isNumber()).isTrue();
        assertThat(reading.get("unit").asText()).isEqualTo("°C");
        assertThat(Instant.parse(reading.get("ts").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(JSON.readTree(on("home/bathroom/power").get(0).payload()).get("unit").asText()).isEqualTo("W");

        JsonNode fix = JSON.readTree(on("fleet/vehicle/car-2/location").get(0).payload());
        assertThat(fix.get("lat").asDouble()).isBetween(52.3, 52.45);
        assertThat(fix.get("lon").asDouble()).isBetween(4.8, 5.0);
        assertThat(fix.get("speedKmh").asDouble()).isBetween(0.0, 120.0);
        assertThat(fix.get("heading").asDouble()).isBetween(0.0, 360.0);
        assertThat(fix.has("accuracy")).isTrue();
        Instant.parse(fix.get("ts").asText());

        assertThat(on("home/kitchen/status")).extracting(Received::payload).contains("online");
        assertThat(on("home/car-1/status")).extracting(Received::payload).contains("online");
        assertThat(received).noneMatch(r -> r.topic().startsWith("home/") && r.topic().split("/").length == 3
                && !r.topic().endsWith("/status") && !r.topic().startsWith("home/lights/")
                && !r.payload().startsWith("{\"value\":"));
    }

    @Test
    void lightsObeyCommandsAndKeepTheirStateRetained() throws Exception {
        simulation = Simulation.start(settings(null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> !on("home/lights/bedroom").isEmpty());
        assertThat(JSON.readTree(on("home/lights/bedroom").get(0).payload()).get("on").asBoolean()).isFalse();

        watcher.publish("home/lights/bedroom/set", new MqttMessage("{\"on\":true,\"brightness\":30}".getBytes()));

        await().atMost(Duration.ofSeconds(20)).until(() -> on("home/lights/bedroom").stream()
                .anyMatch(r -> r.payload().contains("\"on\":true,\"brightness\":30")));

        // A newcomer gets the state from the broker: it was published retained.
        var late = new MqttClient(uri(), "late-" + UUID.randomUUID(), new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        late.connect(options);
        var retained = new CopyOnWriteArrayList<String>();
        late.subscribe("home/lights/bedroom", 1, (topic, message) -> retained.add(new String(message.getPayload())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !retained.isEmpty());
        assertThat(retained.get(0)).contains("\"on\":true");
        late.disconnect();
        late.close();
    }

    @Test
    void chaosDropsFireWillsAndDevicesComeBack() {
        simulation = Simulation.start(settings(null, Duration.ofSeconds(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(offline -> offline.payload()
                .equals("offline") && on(offline.topic()).stream()
                .skip(on(offline.topic()).indexOf(offline)).anyMatch(r -> r.payload().equals("online"))));
        assertThat(simulation.network().counters().reconnects()).isPositive();
    }

    @Test
    void aStoppedSimulationLeavesEveryDeviceOfflineRetained() {
        simulation = Simulation.start(settings(null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> simulation.network().online() == simulation.devices().size());

        simulation.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> simulation.devices().stream().allMatch(device ->
                on(device.connection().statusTopic()).stream().anyMatch(r -> r.payload().equals("offline"))));
    }
}
