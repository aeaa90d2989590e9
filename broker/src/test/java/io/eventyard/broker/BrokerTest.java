package io.eventyard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embeddable broker: starts on a free port, answers AMQP there, and lets go of the port when closed. */
class BrokerTest {

    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    @Test
    void startsOnAFreePortAndStopsListeningWhenClosed() throws IOException {
        int port;
        try (Broker broker = Broker.start(BrokerConfig.defaults().withHost("127.0.0.1").withAmqpPort(0).withMqttPort(0)
                .withMqttWebSocketPort(0))) {
            port = broker.amqpPort();
            assertThat(port).isPositive();
            assertThat(firstFrameType(port)).as("frame type of connection.start").isEqualTo(1);
        }

        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void startsWithDefinitionsOnDiskAndAgainOnTheSameDirectory(@TempDir Path dataDir) throws IOException {
        try (Broker broker = Broker.start(BrokerConfig.forTests(dataDir))) {
            broker.admin().addVirtualHost("orders");
            assertThat(firstFrameType(broker.amqpPort())).isEqualTo(1);
        }

        try (Broker again = Broker.start(BrokerConfig.forTests(dataDir))) {
            assertThat(firstFrameType(again.amqpPort())).isEqualTo(1);
        }
    }

    @Test
    void portInUseFailsTheStartWithAnIOException() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BrokerConfig config = BrokerConfig.defaults().withHost("127.0.0.1").withAmqpPort(taken.getLocalPort())
                    .withMqttPort(0).withMqttWebSocketPort(0);

            assertThatThrownBy(() -> Broker.start(config)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void failedStartLeavesNoThreadsBehind() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BrokerConfig config = BrokerConfig.defaults().withHost("127.0.0.1").withAmqpPort(taken.getLocalPort())
                    .withMqttPort(0).withMqttWebSocketPort(0);
            assertThatThrownBy(() -> Broker.start(config)).isInstanceOf(IOException.class);
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !before.contains(t) && t.isAlive())
                        .map(Thread::getName)
                        .filter(name -> name.equals("broker-core") || name.startsWith("multiThreadIoEventLoopGroup")))
                        .isEmpty());
    }

    /** Sends the protocol header and reads the type byte of the broker's first frame. */
    private static int firstFrameType(int port) throws IOException {
        try (Socket socket = connect(port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(AMQP_0_9_1);
            InputStream in = socket.getInputStream();
            return in.read();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return socket;
    }
}
