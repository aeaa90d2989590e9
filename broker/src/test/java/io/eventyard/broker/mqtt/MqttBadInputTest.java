package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input over a raw socket ends that connection only: a healthy Paho client keeps publishing and receiving
 * before and after each. Bundled broker only.
 */
@Timeout(30)
class MqttBadInputTest {

    private static MqttTargets.Bundled target;

    private final String p = TestClients.uniqueId("ey");
    private TestClients.V3 healthy;

    @BeforeAll
    static void start() {
        target = new MqttTargets.Bundled();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @BeforeEach
    void connectHealthyClient() throws Exception {
        healthy = new TestClients(target).v3(p + "-healthy");
        healthy.subscribe(p + "/ping", 1);
    }

    @AfterEach
    void healthyClientStillWorks() throws Exception {
        healthy.publish(p + "/ping", "still here", 1);
        assertThat(healthy.received().next(p).text()).isEqualTo("still here");
        healthy.close();
    }

    @Test
    void garbageClosesTheConnection() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            raw.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void aFirstPacketOtherThanConnectClosesTheConnection() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            raw.write((byte) 0xC0, (byte) 0x00); // PINGREQ
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void anOversizedRemainingLengthClosesTheConnectionWithoutBufferingIt() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect(p + "-big", target.username(), target.password(), 60, null, null)).isZero();
            // PUBLISH announcing 268,435,455 bytes, the most MQTT can say; refused once its topic is read
            raw.write((byte) 0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F, (byte) 0x00, (byte) 0x01,
                    (byte) 'a');
            assertThat(raw.closedByBroker()).isTrue();
        }
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            // the same, as a CONNECT with its variable header
            raw.write((byte) 0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F, (byte) 0, (byte) 4,
                    (byte) 'M', (byte) 'Q', (byte) 'T', (byte) 'T', (byte) 4, (byte) 2, (byte) 0, (byte) 60);
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void aSecondConnectClosesTheConnection() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect(p + "-twice", target.username(), target.password(), 60, null, null)).isZero();
            raw.connect(p + "-twice", target.username(), target.password(), 60, null, null);
        } catch (java.io.IOException closed) {
            // the broker closed the socket instead of answering the second CONNECT: what it must do
            return;
        }
        throw new AssertionError("a second CONNECT was answered");
    }

    @Test
    void anInvalidFilterIsRefusedInSubackWithoutClosing() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect(p + "-filter", target.username(), target.password(), 60, null, null)).isZero();
            byte[] filter = (p + "/#/x").getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(0);
            body.write(7); // packet id 7
            body.write(filter.length >> 8);
            body.write(filter.length & 0xFF);
            body.writeBytes(filter);
            body.write(1);
            raw.write(RawMqttSocket.packet(0x82, body.toByteArray()));
            InputStream in = raw.input();
            assertThat(in.read()).isEqualTo(0x90); // SUBACK
            assertThat(in.read()).isEqualTo(3);
            assertThat(in.read()).isZero();
            assertThat(in.read()).isEqualTo(7);
            assertThat(in.read()).isEqualTo(0x80); // failure
        }
    }

    @Test
    void aMalformedPacketEndsA5ConnectionWithDisconnect0x81() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect5(p + "-v5", target.username(), target.password())).isZero();
            raw.write((byte) 0x00, (byte) 0x00); // packet type 0 is reserved
            int[] disconnect = raw.readTypeAndFirstByte();
            assertThat(disconnect[0]).isEqualTo(0xE0);
            assertThat(disconnect[1]).isEqualTo(0x81);
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void aPublishToAWildcardTopicEndsA5ConnectionAsMalformed() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect5(p + "-v5", target.username(), target.password())).isZero();
            raw.publish(p + "/+/x", "bad".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, 1, false, new byte[0]);
            // MQTT 5.0 section 3.3.2.1: a topic name never holds wildcards; Netty's decoder rejects the packet
            assertThat(raw.readPacket(14).body()[0] & 0xFF).isEqualTo(0x81);
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect5(p + "-v5", target.username(), target.password())).isZero();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            byte[] filter = ("$share/g/" + p + "/x").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            body.writeBytes(new byte[] {0, 1, 0, 0, (byte) filter.length});
            body.writeBytes(filter);
            body.write(0x04 | 0x01); // no local, QoS 1
            raw.write(RawMqttSocket.packet(0x82, body.toByteArray()));
            assertThat(raw.readPacket(14).body()[0] & 0xFF).isEqualTo(0x82);
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void aPubrelForAnUnknownPacketIdIsAnsweredWithPacketIdentifierNotFound() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            assertThat(raw.connect5(p + "-v5", target.username(), target.password())).isZero();
            raw.ack(0x62, 42);
            RawMqttSocket.Packet pubcomp = raw.readPacket(7);
            assertThat(pubcomp.packetId()).isEqualTo(42);
            assertThat(pubcomp.body()[2] & 0xFF).isEqualTo(0x92);
        }
    }
}
