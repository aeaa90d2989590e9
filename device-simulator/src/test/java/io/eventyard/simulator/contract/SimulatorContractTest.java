package io.eventyard.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.contracts.AsyncApiContract;
import io.eventyard.contracts.ContractViolation;
import io.eventyard.contracts.MessageContract;
import io.eventyard.simulator.cli.Simulation;
import io.eventyard.simulator.cli.SimulationSettings;
import io.eventyard.simulator.home.LightCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device simulator against contracts/asyncapi.yaml: a running simulation on the bundled broker, watched by a
 * Paho client; every message it publishes (readings, positions, statuses, its wills, light states) must be what
 * the contract lets it send on its topic, and it must obey the contract's light command examples.
 */
class SimulatorContractTest {

    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    @TempDir
    Path dataDir;

    private Broker broker;
    private MqttClient watcher;
    private Simulation simulation;
    private final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        watcher = new MqttClient(uri(), "watcher-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("guest");
        options.setPassword("guest".toCharArray());
        watcher.connect(options);
        watcher.subscribe(new String[] {"home/#", "fleet/#"}, new int[] {1, 1}, new org.eclipse.paho.client.mqttv3
                .IMqttMessageListener[] {this::record, this::record});
    }

    @AfterEach
    void stop() throws Exception {
        if (simulation != null) {
            simulation.close();
        }
        watcher.disconnect();
        watcher.close();
        broker.close();
    }

    @Test
    void everythingASimulationPublishesIsWhatTheContractLetsItSend() {
        simulation = Simulation.start(new SimulationSettings(uri(), "guest", "guest", 1, 2, 100.0,
                Duration.ofMillis(500), 1, null, null, "contract-" + UUID.randomUUID() + "-", 1, 42,
                Duration.ofSeconds(1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> channelsSeen().containsAll(
                Set.of("SensorReading", "VehicleLocation", "DeviceStatus", "LightState")));
        simulation.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(m -> m[1].equals("offline")));

        List<String> broken = received.stream()
                .flatMap(m -> CONTRACT.messageOnTopic(m[0]).violationsAsSent(m[1]).stream()
                        .map(v -> m[0] + " " + m[1] + " -> " + v))
                .toList();
        assertThat(broken).isEmpty();
    }

    @Test
    void aLightObeysTheContractsCommandExample() throws Exception {
        simulation = Simulation.start(new SimulationSettings(uri(), "guest", "guest", 1, 0, null,
                Duration.ofMillis(500), 1, null, null, "contract-" + UUID.randomUUID() + "-", 1, 42,
                Duration.ofSeconds(1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !on("home/lights/bedroom").isEmpty());

        watcher.publish("home/lights/bedroom/set", new MqttMessage(CONTRACT.message("LightCommand")
                .example("on-and-dim").payload().getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(20)).until(() -> on("home/lights/bedroom").stream()
                .anyMatch(state -> state.contains("\"on\":true,\"brightness\":80")));
    }

    @Test
    void parsesEveryLightCommandExample() {
        MessageContract commands = CONTRACT.message("LightCommand");

        assertThat(LightCommand.parse(commands.example("on-and-dim").payload()))
                .isEqualTo(new LightCommand(true, false, 80));
        assertThat(LightCommand.parse(commands.example("off").payload())).isEqualTo(new LightCommand(false, false, null));
        assertThat(commands.examples()).hasSize(2);
    }

    @Test
    void aCommandTheContractRefusesTheLightRefusesToo() {
        String tooBright = "{\"on\":true,\"brightness\":101}";

        assertThat(CONTRACT.message("LightCommand").violationsAsReceived(tooBright))
                .extracting(ContractViolation::location).containsExactly("$.brightness");
        assertThatThrownBy(() -> LightCommand.parse(tooBright)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brightness");
    }

    private void record(String topic, MqttMessage message) {
        received.add(new String[] {topic, new String(message.getPayload(), StandardCharsets.UTF_8)});
    }

    private Set<String> channelsSeen() {
        return received.stream().map(m -> CONTRACT.messageOnTopic(m[0]).name()).collect(Collectors.toSet());
    }

    private List<String> on(String topic) {
        return received.stream().filter(m -> m[0].equals(topic)).map(m -> m[1]).toList();
    }

    private String uri() {
        return "tcp://127.0.0.1:" + broker.mqttPort();
    }
}
