package io.eventyard.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * The limits the bundled broker takes from its configuration (RabbitMQ's cannot be lowered from a test,
 * so these run on the bundled broker only), and that hostile input on many sockets leaves it serving.
 */
class BrokerLimitsIT {

    @TempDir
    Path dataDir;

    private Broker broker;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stop() {
        for (Connection connection : connections) {
            if (connection.isOpen()) {
                connection.abort(1000);
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(3000);
        factory.setHandshakeTimeout(3000);
        Connection connection = factory.newConnection();
        connections.add(connection);
        return connection;
    }

    @Test
    void refusesTheConnectionOverMaxConnectionsAndAcceptsAgainOnceOneCloses() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir).withMaxConnections(2));
        Connection first = connect();
        connect();

        assertThatThrownBy(this::connect).isInstanceOf(IOException.class);

        first.close();
        Connection again = connectWithin(5);
        assertThat(again.isOpen()).isTrue();
    }

    private Connection connectWithin(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                return connect();
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(50); // the closed socket's slot frees once the broker has seen it go
            }
        }
    }

    @Test
    void closesTheChannelWith406ForAMessageOverMaxMessageSizeAndKeepsTheConnection() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir).withMaxMessageSize(1024));
        Connection connection = connect();
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue();

        channel.basicPublish("", queue, null, new byte[1025]);
        // the close may arrive before or after the next call is sent: wait for it, then read its reason
        assertThatThrownBy(() -> channel.queueDeclarePassive(queue)).isInstanceOfAny(IOException.class,
                com.rabbitmq.client.AlreadyClosedException.class);
        ShutdownSignalException reason = channel.getCloseReason();
        assertThat(reason.isHardError()).isFalse();
        assertThat(reason.getMessage()).contains("reply-code=406")
                .contains("message size 1025 is larger than configured max size 1024");

        Channel healthy = connection.createChannel();
        healthy.basicPublish("", queue, null, new byte[1024]);
        GetResponse response = awaitMessage(healthy, queue);
        assertThat(response.getBody()).hasSize(1024);
    }

    @Test
    void refusesAFrameOverTheConfiguredFrameMax() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir).withFrameMax(8192));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setRequestedFrameMax(65536);
        factory.setAutomaticRecoveryEnabled(false);

        // The client may not tune above what the broker proposed: it takes the broker's 8192.
        try (Connection connection = factory.newConnection()) {
            assertThat(connection.getFrameMax()).isEqualTo(8192);
        }
    }

    @Test
    void keepsServingWhileManySocketsSendGarbage() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        Connection healthy = connect();
        Channel channel = healthy.createChannel();
        String queue = channel.queueDeclare().getQueue();
        Random random = new Random(7);

        for (int round = 0; round < 50; round++) {
            try (Socket socket = new Socket("127.0.0.1", broker.amqpPort())) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                // Half the rounds get past the protocol header, so the frame decoder sees the garbage.
                if (round % 2 == 0) {
                    out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
                }
                byte[] garbage = new byte[1 + random.nextInt(4096)];
                random.nextBytes(garbage);
                out.write(garbage);
                out.flush();
                socket.shutdownOutput(); // end of input: a half-read frame must not keep the socket open
                drainUntilClosed(socket.getInputStream());
            }
            channel.basicPublish("", queue, null, ("round " + round).getBytes());
            assertThat(new String(awaitMessage(channel, queue).getBody())).isEqualTo("round " + round);
        }
    }

    // The broker answers garbage with connection.close or closes outright; either way the socket ends.
    private static void drainUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (java.net.SocketException reset) {
            // closed by the broker
        }
    }

    private static GetResponse awaitMessage(Channel channel, String queue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no message in " + queue + " within 5 s");
    }
}
