package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions and the QoS flows, with Paho clients and, where a client library would hide what is checked
 * (packet ids, DUP, a repeated QoS 2 PUBLISH), a raw socket. On the bundled broker and, when
 * {@value MqttTargets#MOSQUITTO_URI_VARIABLE} is set, on Mosquitto with the same assertions.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.eventyard.broker.mqtt.MqttTargets#selected")
@Timeout(60)
class MqttSessionScenarioTest {

    private final MqttTarget target;
    private final TestClients clients;
    private final String p = TestClients.uniqueId("ey");

    MqttSessionScenarioTest(MqttTarget target) {
        this.target = target;
        this.clients = new TestClients(target);
    }

    @Test
    void persistentSession311KeepsSubscriptionsAndQueuesQos1WhileAway() throws Exception {
        MqttConnectOptions persistent = clients.v3Options();
        persistent.setCleanSession(false);
        try (TestClients.V3 first = clients.v3(p + "-dev", persistent)) {
            first.subscribe(p + "/cmd/#", 1);
        }
        try (TestClients.V3 pub = clients.v3(p + "-pub")) {
            pub.publish(p + "/cmd/a", "one", 1);
            pub.publish(p + "/cmd/b", "two", 1);
        }
        try (TestClients.V3 back = clients.v3(p + "-dev", persistent)) {
            assertThat(back.received().take(p, 2)).extracting(Received.Delivery::text).containsExactly("one", "two");
            // and the subscription itself came back: a new message arrives without subscribing again
            try (TestClients.V3 pub = clients.v3(p + "-pub")) {
                pub.publish(p + "/cmd/c", "three", 1);
            }
            assertThat(back.received().next(p).text()).isEqualTo("three");
            back.client().unsubscribe(p + "/cmd/#");
        } finally {
            clearSession311(p + "-dev");
        }
    }

    @Test
    void cleanSessionDiscardsWhatAPersistentOneKept() throws Exception {
        MqttConnectOptions persistent = clients.v3Options();
        persistent.setCleanSession(false);
        try (TestClients.V3 first = clients.v3(p + "-dev", persistent)) {
            first.subscribe(p + "/cmd/#", 1);
        }
        try (TestClients.V3 pub = clients.v3(p + "-pub")) {
            pub.publish(p + "/cmd/a", "kept for the session", 1);
        }
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            int[] connAck = raw.connect311(p + "-dev", target.username(), target.password(), true);
            assertThat(connAck).containsExactly(0, 0); // no session present, accepted
        }
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            int[] connAck = raw.connect311(p + "-dev", target.username(), target.password(), false);
            assertThat(connAck[0]).as("session present after the clean one").isZero();
        } finally {
            clearSession311(p + "-dev");
        }
    }

    @Test
    void persistentSession5ReportsSessionPresentAndExpires() throws Exception {
        MqttConnectionOptions options = clients.v5Options();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(1L);
        try (TestClients.V5 first = clients.v5(p + "-dev", options)) {
            assertThat(first.connected().getSessionPresent()).isFalse();
            first.subscribe(p + "/x", 1);
        }
        try (TestClients.V5 again = clients.v5(p + "-dev", options)) {
            assertThat(again.connected().getSessionPresent()).isTrue();
        }
        Thread.sleep(3_500); // past the 1 s expiry (Mosquitto checks expiries on a coarse timer)
        try (TestClients.V5 late = clients.v5(p + "-dev", options)) {
            assertThat(late.connected().getSessionPresent()).isFalse();
        }
    }

    @Test
    void qos2FlowsBothWaysExactlyOnce() throws Exception {
        try (TestClients.V5 sub = clients.v5(p + "-sub"); TestClients.V5 pub = clients.v5(p + "-pub")) {
            assertThat(sub.subscribe(p + "/q2", 2)).isEqualTo(2);
            for (int i = 0; i < 5; i++) {
                pub.publish(p + "/q2", "m" + i, 2);
            }
            pub.publish(p + "/q2-end", "end", 2);
            List<Received.Delivery> got = sub.received().take(p + "/q2", 5);
            assertThat(got).extracting(Received.Delivery::text).containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(got).extracting(Received.Delivery::qos).containsOnly(2);
        }
    }

    @Test
    void unacknowledgedQos1IsResentWithDupAndItsPacketIdAfterReconnect() throws Exception {
        String device = p + "-dev";
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            raw.connect311(device, target.username(), target.password(), false);
            assertThat(raw.subscribe311(1, p + "/cmd", 1)).isEqualTo(1);
            try (TestClients.V3 pub = clients.v3(p + "-pub")) {
                pub.publish(p + "/cmd", "do it", 1);
            }
            RawMqttSocket.Packet first = raw.readPacket(3);
            assertThat(first.dup()).isFalse();
            int packetId = first.publishPacketId();
            // gone without PUBACK
            try (RawMqttSocket back = new RawMqttSocket(target.serverUri())) {
                raw.close();
                int[] connAck = back.connect311(device, target.username(), target.password(), false);
                assertThat(connAck[0]).as("session present").isEqualTo(1);
                RawMqttSocket.Packet resent = back.readPacket(3);
                assertThat(resent.dup()).isTrue();
                assertThat(resent.publishTopic()).isEqualTo(p + "/cmd");
                assertThat(resent.publishPacketId()).isEqualTo(packetId);
                back.ack(0x40, packetId);
            }
        } finally {
            clearSession311(device);
        }
    }

    @Test
    void repeatedQos2PublishBeforePubrelIsDeliveredOnce() throws Exception {
        try (TestClients.V3 sub = clients.v3(p + "-sub"); RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            sub.subscribe(p + "/#", 2);
            raw.connect311(p + "-dev", target.username(), target.password(), true);
            byte[] payload = "once".getBytes(StandardCharsets.UTF_8);
            raw.publish(p + "/q2", payload, 2, 7, false, null);
            assertThat(raw.readPacket(5).packetId()).isEqualTo(7); // PUBREC
            raw.publish(p + "/q2", payload, 2, 7, true, null); // the client did not see the PUBREC, say
            assertThat(raw.readPacket(5).packetId()).isEqualTo(7);
            raw.ack(0x62, 7); // PUBREL
            assertThat(raw.readPacket(7).packetId()).isEqualTo(7); // PUBCOMP
            raw.publish(p + "/marker", "marker".getBytes(StandardCharsets.UTF_8), 1, 8, false, null);
            // A QoS 2 delivery reaches Paho's callback only after its own PUBREC/PUBREL round, so it may come
            // after the QoS 1 marker: collect a little past the marker.
            List<String> got = new java.util.ArrayList<>();
            sub.received().until(p, p + "/marker").forEach(delivery -> got.add(delivery.text()));
            sub.received().drain(p, java.time.Duration.ofSeconds(1)).forEach(delivery -> got.add(delivery.text()));
            assertThat(got).containsExactlyInAnyOrder("once", "marker");
        }
    }

    @Test
    void willWaitsForItsDelayAndIsDroppedWhenTheSessionComesBack() throws Exception {
        try (TestClients.V5 sub = clients.v5(p + "-sub")) {
            sub.subscribe(p + "/will/#", 1);
            MqttConnectionOptions options = clients.v5Options();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(60L);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties willProperties =
                    new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            willProperties.setWillDelayInterval(30L);
            options.setWillMessageProperties(willProperties);
            options.setWill(p + "/will/late", new org.eclipse.paho.mqttv5.common.MqttMessage(
                    "late".getBytes(StandardCharsets.UTF_8), 1, false, null));
            TestClients.V5 device = clients.v5(p + "-dev", options);
            device.client().disconnectForcibly(0, 1_000, false); // no DISCONNECT: an unclean end
            device.client().close(true);
            // back within the delay: the will never goes out
            MqttConnectionOptions resume = clients.v5Options();
            resume.setCleanStart(false);
            resume.setSessionExpiryInterval(0L);
            try (TestClients.V5 back = clients.v5(p + "-dev", resume)) {
                assertThat(back.connected().getSessionPresent()).isTrue();
            }
            // a short delay: the will goes out once it has passed
            willProperties.setWillDelayInterval(1L);
            options.setWill(p + "/will/soon", new org.eclipse.paho.mqttv5.common.MqttMessage(
                    "soon".getBytes(StandardCharsets.UTF_8), 1, false, null));
            TestClients.V5 second = clients.v5(p + "-dev2", options);
            second.client().disconnectForcibly(0, 1_000, false);
            second.client().close(true);
            assertThat(sub.received().next(p).topic()).isEqualTo(p + "/will/soon");
            try (TestClients.V5 cleanup = clients.v5(p + "-dev2")) {
                assertThat(cleanup.client().isConnected()).isTrue();
            }
        }
    }

    /** Ends a persistent 3.1.1 session a test left, so that a shared broker does not keep it. */
    private void clearSession311(String clientId) throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            raw.connect311(clientId, target.username(), target.password(), true);
            raw.write((byte) 0xE0, (byte) 0x00); // DISCONNECT
        }
    }
}
