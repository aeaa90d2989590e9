package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * The bounds of {@link MqttLimits}, on a bundled broker configured with small ones: what CONNACK announces,
 * and what the broker does when a client goes past them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MqttLimitsTest {

    private static final MqttLimits SMALL = new MqttLimits(5, 3, 2, 1024, 1, 10);

    @TempDir
    Path dataDir;
    private Broker broker;
    private TestClients clients;
    private final String p = TestClients.uniqueId("limits");

    @BeforeAll
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir).withMqttLimits(SMALL));
        clients = new TestClients(MqttTargets.running(broker));
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void connAckAnnouncesTheServerKeepAliveSessionExpiryAndLimits() throws Exception {
        MqttConnectionOptions options = clients.v5Options();
        options.setKeepAliveInterval(30);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(100L);
        try (TestClients.V5 client = clients.v5(p + "-ka", options)) {
            var granted = client.connected().getResponseProperties();
            assertThat(granted.getServerKeepAlive()).isEqualTo(10);
            assertThat(granted.getSessionExpiryInterval()).isEqualTo(5L);
            assertThat(granted.getReceiveMaximum()).isEqualTo(2);
            assertThat(granted.getTopicAliasMaximum()).isEqualTo(1);
        }
    }

    @Test
    void aClientPastTheReceiveMaximumIsDisconnected() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket("tcp://127.0.0.1:" + broker.mqttPort())) {
            raw.connect5(p + "-rm", "guest", "guest", new byte[0]);
            byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
            // QoS 2 publishes count until their PUBREL: two are allowed, the third is one too many
            raw.publish(p + "/a", payload, 2, 1, false, new byte[0]);
            raw.publish(p + "/a", payload, 2, 2, false, new byte[0]);
            raw.publish(p + "/a", payload, 2, 3, false, new byte[0]);
            RawMqttSocket.Packet disconnect = raw.readPacket(14);
            assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x93);
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void anAliasPastTheTopicAliasMaximumIsDisconnected() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket("tcp://127.0.0.1:" + broker.mqttPort())) {
            raw.connect5(p + "-alias", "guest", "guest", new byte[0]);
            raw.publish(p + "/a", "x".getBytes(StandardCharsets.UTF_8), 0, 0, false, new byte[] {0x23, 0, 2});
            RawMqttSocket.Packet disconnect = raw.readPacket(14);
            assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x94);
        }
    }

    @Test
    void aSessionAwayKeepsOnlyTheNewestMessagesUpToItsBound() throws Exception {
        MqttConnectionOptions options = clients.v5Options();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(5L);
        try (TestClients.V5 first = clients.v5(p + "-dev", options)) {
            first.subscribe(p + "/#", 1);
        }
        try (TestClients.V5 pub = clients.v5(p + "-pub")) {
            // QoS 0, so that the publisher is not held by the receive maximum of 2 these limits announce; the QoS 1
            // marker's PUBACK says that the broker has taken all of them
            for (int i = 1; i <= 5; i++) {
                pub.publish(p + "/m", "m" + i, 0);
            }
            pub.publish(p + "/end", "end", 1);
        }
        options.setSessionExpiryInterval(0L);
        try (TestClients.V5 back = clients.v5(p + "-dev", options)) {
            List<String> got = back.received().until(p, p + "/end").stream().map(Received.Delivery::text).toList();
            assertThat(got).containsExactly("m4", "m5", "end");
        }
    }
}
