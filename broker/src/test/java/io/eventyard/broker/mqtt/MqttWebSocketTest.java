package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * MQTT over WebSocket (MQTT 5.0 section 6.0) on the bundled broker: Paho 3.1.1 and 5.0 clients on a
 * {@code ws://} URI, traffic between the WebSocket and the TCP listener, and, through a raw WebSocket, the
 * frame rules a library hides (packets across frames, several in one frame, text frames refused).
 */
@Timeout(60)
class MqttWebSocketTest {

    private static MqttTargets.Bundled bundled;
    private static MqttTarget webSocket;

    private final String p = TestClients.uniqueId("ey-ws");

    @BeforeAll
    static void start() {
        bundled = new MqttTargets.Bundled();
        webSocket = new MqttTarget() {
            @Override
            public String name() {
                return "bundled over WebSocket";
            }

            @Override
            public String serverUri() {
                return webSocketUri(bundled.broker().config().mqttWebSocketPath());
            }

            @Override
            public String username() {
                return bundled.username();
            }

            @Override
            public String password() {
                return bundled.password();
            }

            @Override
            public void close() {
            }
        };
    }

    @AfterAll
    static void stop() {
        bundled.close();
    }

    private static String webSocketUri(String path) {
        return "ws://127.0.0.1:" + bundled.broker().mqttWebSocketPort() + path;
    }

    @AfterEach
    void brokerStillServesWebSocketClients() throws Exception {
        try (TestClients.V3 client = new TestClients(webSocket).v3(p + "-after")) {
            client.subscribe(p + "/after", 0);
            client.publish(p + "/after", "still here", 0);
            assertThat(client.received().next(p + "/after").text()).isEqualTo("still here");
        }
    }

    @Test
    void listensOnTheConfiguredPathByDefaultRabbitMqs() {
        assertThat(bundled.broker().config().mqttWebSocketPath()).isEqualTo(BrokerConfig.DEFAULT_MQTT_WEB_SOCKET_PATH);
        assertThat(bundled.broker().mqttWebSocketPort()).isPositive()
                .isNotEqualTo(bundled.broker().mqttPort());
    }

    @Test
    void v311ClientSubscribesAndPublishesQos0And1() throws Exception {
        try (TestClients.V3 client = new TestClients(webSocket).v3(p + "-v3")) {
            assertThat(client.subscribe(p + "/+", 1)).isEqualTo(1);

            client.publish(p + "/zero", "at most once", 0);
            client.publish(p + "/one", "at least once", 1);

            Received.Delivery first = client.received().next(p);
            Received.Delivery second = client.received().next(p);
            assertThat(first.topic()).isEqualTo(p + "/zero");
            assertThat(first.text()).isEqualTo("at most once");
            assertThat(first.qos()).isZero();
            assertThat(second.topic()).isEqualTo(p + "/one");
            assertThat(second.text()).isEqualTo("at least once");
            assertThat(second.qos()).isEqualTo(1);
        }
    }

    @Test
    void v5ClientSubscribesAndPublishesQos0And1() throws Exception {
        try (TestClients.V5 client = new TestClients(webSocket).v5(p + "-v5")) {
            assertThat(client.subscribe(p + "/#", 1)).isEqualTo(1);

            client.publish(p + "/zero", "at most once", 0);
            client.publish(p + "/one", "at least once", 1);

            assertThat(client.received().take(p, 2))
                    .extracting(Received.Delivery::topic, Received.Delivery::text, Received.Delivery::qos)
                    .containsExactly(
                            tuple(p + "/zero", "at most once", 0),
                            tuple(p + "/one", "at least once", 1));
        }
    }

    @Test
    void tcpAndWebSocketClientsExchangeMessages() throws Exception {
        try (TestClients.V3 tcp = new TestClients(bundled).v3(p + "-tcp");
             TestClients.V5 browser = new TestClients(webSocket).v5(p + "-browser")) {
            tcp.subscribe(p + "/to-tcp", 1);
            browser.subscribe(p + "/to-browser", 1);

            browser.publish(p + "/to-tcp", "from the browser", 1);
            tcp.publish(p + "/to-browser", "from the device", 1);

            assertThat(tcp.received().next(p).text()).isEqualTo("from the browser");
            assertThat(browser.received().next(p).text()).isEqualTo("from the device");
        }
    }

    @Test
    void aClientIdTakenOverOverWebSocketEndsTheTcpConnection() throws Exception {
        // one session per client id across both listeners (MQTT 3.1.1 section 3.1.4)
        try (TestClients.V3 tcp = new TestClients(bundled).v3(p + "-same");
             TestClients.V3 browser = new TestClients(webSocket).v3(p + "-same")) {
            assertThat(tcp.received().disconnect(Received.WAIT)).isNotNull();
            assertThat(browser.client().isConnected()).isTrue();
        }
    }

    @Test
    void selectsTheMqttSubprotocolAndAcceptsMqtt31s() throws Exception {
        try (RawMqttWebSocket raw = new RawMqttWebSocket(webSocket.serverUri(), "mqtt")) {
            assertThat(raw.subprotocol()).isEqualTo("mqtt");
        }
        try (RawMqttWebSocket raw = new RawMqttWebSocket(webSocket.serverUri(), "mqttv3.1")) {
            assertThat(raw.subprotocol()).isEqualTo("mqttv3.1");
        }
    }

    @Test
    void anotherPathIsNotFound() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bundled.broker().mqttWebSocketPort()
                        + "/elsewhere")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(404);

        assertThatThrownBy(() -> new RawMqttWebSocket(webSocketUri("/elsewhere"), "mqtt"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void aPlainRequestOnTheWebSocketPathIsABadRequest() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bundled.broker().mqttWebSocketPort()
                        + bundled.broker().config().mqttWebSocketPath())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
    }

    @Test
    void aTextFrameClosesTheConnectionWith1003() throws Exception {
        try (RawMqttWebSocket raw = new RawMqttWebSocket(webSocket.serverUri(), "mqtt")) {
            raw.sendFrames(RawMqttWebSocket.connect(p + "-text", webSocket.username(), webSocket.password()));
            assertThat(connackCode(raw.nextPacket())).isZero();

            raw.sendText("hello");

            // MQTT-6.0.0-1: any data frame but binary closes the network connection; 1003 is RFC 6455's code
            assertThat(raw.closeCode()).isEqualTo(1003);
        }
    }

    @Test
    void aConnectionTheBrokerEndsGetsANormalCloseFrame() throws Exception {
        try (RawMqttWebSocket raw = new RawMqttWebSocket(webSocket.serverUri(), "mqtt")) {
            raw.sendFrames(RawMqttWebSocket.connect(p + "-refused", webSocket.username(), "not the password"));
            assertThat(connackCode(raw.nextPacket())).as("bad user name or password").isEqualTo(4);

            // a clean close for the browser (RFC 6455 1000), not a bare end of the TCP connection (1006)
            assertThat(raw.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aPacketSplitAcrossFramesIsDecoded() throws Exception {
        byte[] connect = RawMqttWebSocket.connect(p + "-split", webSocket.username(), webSocket.password());
        try (RawMqttWebSocket raw = new RawMqttWebSocket(webSocket.serverUri(), "mqtt")) {
            // two whole WebSocket messages, the cut inside the remaining length's packet body
            raw.sendFrames(Arrays.copyOfRange(connect, 0, 5), Arrays.copyOfRange(connect, 5, connect.length));
            assertThat(connackCode(raw.nextPacket())).isZero();

            // and as one fragmented message: a binary frame, then continuation frames, cut after one byte
            byte[] subscribe = RawMqttWebSocket.subscribe(7, p + "/split");
            raw.sendFragments(Arrays.copyOfRange(subscribe, 0, 1), Arrays.copyOfRange(subscribe, 1, 4),
                    Arrays.copyOfRange(subscribe, 4, subscribe.length));
            assertThat(raw.nextPacket()).containsExactly(0x90, 0x03, 0x00, 0x07, 0x00);
        }
    }

    @Test
    void severalPacketsInOneFrameAreAllDecoded() throws Exception {
        byte[] connect = RawMqttWebSocket.connect(p + "-many", webSocket.username(), webSocket.password());
        byte[] subscribe = RawMqttWebSocket.subscribe(9, p + "/many");
        byte[] publish = RawMqttWebSocket.publish(p + "/many", "in the same frame");
        try (RawMqttWebSocket raw = new RawMqttWebSocket(webSocket.serverUri(), "mqtt")) {
            raw.sendFrames(concat(connect, subscribe, publish, RawMqttWebSocket.PINGREQ));

            assertThat(connackCode(raw.nextPacket())).isZero();
            assertThat(raw.nextPacket()).containsExactly(0x90, 0x03, 0x00, 0x09, 0x00);
            // the PUBLISH comes back through the subscription, and the PINGRESP answers the ping, in either order
            byte[] third = raw.nextPacket();
            byte[] fourth = raw.nextPacket();
            byte[] delivery = (third[0] & 0xF0) == 0x30 ? third : fourth;
            byte[] pong = delivery == third ? fourth : third;
            assertThat(delivery).isEqualTo(publish);
            assertThat(pong).containsExactly(0xD0, 0x00);
        }
    }

    @Test
    void somethingOtherThanHttpClosesTheConnection() throws Exception {
        // (bytes without a line end, such as a TCP client's CONNECT, wait for the CONNECT timeout instead)
        try (RawMqttSocket raw = new RawMqttSocket(webSocketUri("/"))) {
            raw.write("\u0010 no HTTP at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void aWebSocketPortInUseFailsTheStart(@TempDir Path dataDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BrokerConfig config = BrokerConfig.forTests(dataDir).withMqttWebSocketPort(taken.getLocalPort());
            assertThatThrownBy(() -> Broker.start(config)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aNegativePortDisablesTheListener(@TempDir Path dataDir) throws IOException {
        try (Broker broker = Broker.start(BrokerConfig.forTests(dataDir).withMqttWebSocketPort(-1))) {
            assertThat(broker.mqttWebSocketPort()).isEqualTo(-1);
            assertThat(broker.mqttPort()).isPositive();
        }
    }

    private static int connackCode(byte[] connack) {
        assertThat(connack[0] & 0xFF).as("CONNACK").isEqualTo(0x20);
        return connack[3];
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
