package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * What MQTT keeps across a restart of the bundled broker: a persistent session's subscriptions and the QoS 1
 * messages queued for it, and retained messages.
 */
@Timeout(60)
class MqttRestartTest {

    @TempDir
    Path dataDir;

    private final String p = TestClients.uniqueId("restart");

    @Test
    void persistentSessionsAndRetainedMessagesSurviveARestart() throws Exception {
        MqttConnectOptions persistent = null;
        try (Broker broker = Broker.start(BrokerConfig.forTests(dataDir))) {
            TestClients clients = new TestClients(MqttTargets.running(broker));
            persistent = clients.v3Options();
            persistent.setCleanSession(false);
            try (TestClients.V3 device = clients.v3(p + "-dev", persistent)) {
                device.subscribe(p + "/cmd/#", 1);
            }
            try (TestClients.V3 pub = clients.v3(p + "-pub")) {
                pub.publish(p + "/cmd/a", "one", 1);
                pub.publish(p + "/cmd/b", "two", 1);
                pub.client().publish(p + "/state", "on".getBytes(), 1, true);
            }
        }
        try (Broker broker = Broker.start(BrokerConfig.forTests(dataDir))) {
            TestClients clients = new TestClients(MqttTargets.running(broker));
            try (TestClients.V3 device = clients.v3(p + "-dev", persistent)) {
                List<Received.Delivery> got = device.received().take(p, 2);
                assertThat(got).extracting(Received.Delivery::text).containsExactly("one", "two");
                try (TestClients.V3 pub = clients.v3(p + "-pub")) {
                    pub.publish(p + "/cmd/c", "three", 1);
                }
                assertThat(device.received().next(p).text()).as("the subscription came back too").isEqualTo("three");
            }
            try (TestClients.V3 late = clients.v3(p + "-late")) {
                late.subscribe(p + "/+", 1);
                Received.Delivery state = late.received().next(p);
                assertThat(state.topic()).isEqualTo(p + "/state");
                assertThat(state.text()).isEqualTo("on");
                assertThat(state.retained()).isTrue();
            }
        }
    }
}
