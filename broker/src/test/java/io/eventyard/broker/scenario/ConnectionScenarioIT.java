package io.eventyard.broker.scenario;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.eventyard.broker.scenario.harness.AmqplainSaslConfig;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.MethodWriter;
import io.eventyard.broker.scenario.harness.RawAmqpSocket;
import io.eventyard.broker.scenario.harness.RawFrame;
import io.eventyard.broker.scenario.harness.RecordingConsumer;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Tune;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.Bodies.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening connections: protocol header, authentication, tuning, heartbeats, virtual host. */
@ForEachBrokerTarget
class ConnectionScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    ConnectionScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET / HTTP/1.1\r\n\r\n", "AMQP\1\1\0\12"})
    void answersAnUnsupportedProtocolHeaderWithItsOwnAndCloses(String header) throws Exception {
        try (RawAmqpSocket socket = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            socket.write(header.getBytes(StandardCharsets.ISO_8859_1));

            assertThat(socket.readBytes(8)).isEqualTo(RawAmqpSocket.PROTOCOL_HEADER);
            socket.awaitEndOfStream();
        }
    }

    @Test
    void opensWithPlainAndAnnouncesTheCapabilitiesTheJavaClientUses() throws Exception {
        Connection connection = scenario.connect();

        assertThat(connection.isOpen()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) connection.getServerProperties().get("capabilities");
        // connection.blocked, consumer_priorities and direct_reply_to are announced by RabbitMQ too, but no
        // scenario here depends on them.
        assertThat(capabilities).containsEntry("publisher_confirms", true)
                .containsEntry("exchange_exchange_bindings", true)
                .containsEntry("basic.nack", true)
                .containsEntry("consumer_cancel_notify", true)
                .containsEntry("authentication_failure_close", true)
                .containsEntry("per_consumer_qos", true);
    }

    @Test
    void opensWithAmqplain() throws Exception {
        Connection connection = scenario.connect(factory -> factory.setSaslConfig(new AmqplainSaslConfig()));

        Channel channel = connection.createChannel();
        assertThat(channel.queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void refusesAWrongPasswordWithAccessRefused() {
        assertThatThrownBy(() -> scenario.connect(factory -> factory.setPassword("not-" + factory.getPassword())))
                .isInstanceOf(AuthenticationFailureException.class)
                .hasMessage("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. "
                        + "For details see the broker logfile.");
    }

    @Test
    void refusesAMissingVirtualHostWithNotAllowed() {
        String vhost = scenario.uniqueName("no-such-vhost");

        assertThat(CloseReason.thrownBy(() -> scenario.connect(factory -> factory.setVirtualHost(vhost))))
                .isEqualTo(CloseReason.connection(530, "NOT_ALLOWED - vhost " + vhost + " not found"));
    }

    @Test
    void splitsContentIntoFramesNoLargerThanTheFrameMaxTheClientAskedFor() throws Exception {
        assertThat(scenario.connect(factory -> factory.setRequestedFrameMax(8192)).getFrameMax()).isEqualTo(8192);
        String queue = scenario.queueName("frame-max");
        Channel publisher = scenario.openChannel();
        publisher.queueDeclare(queue, false, false, false, null);

        try (RawAmqpSocket raw = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            Tune proposed = raw.handshake(broker -> broker.withFrameMax(4096).withHeartbeat(0));
            assertThat(proposed.frameMax()).isGreaterThan(4096);
            raw.openChannel(1);
            raw.writeMethod(1, MethodWriter.method(60, 20).shortInt(0).shortString(queue).shortString("raw")
                    .bits(false, true, false, false).emptyTable());
            raw.expectMethod(1, 60, 21);
            publisher.basicPublish("", queue, null, new byte[10_000]);

            raw.expectMethod(1, 60, 60);
            RawFrame header = raw.readNonHeartbeat();
            assertThat(header.type()).isEqualTo(RawFrame.HEADER);
            int received = 0;
            while (received < 10_000) {
                RawFrame body = raw.readNonHeartbeat();
                assertThat(body.type()).isEqualTo(RawFrame.BODY);
                assertThat(body.payload().length + RawFrame.OVERHEAD).isLessThanOrEqualTo(4096);
                received += body.payload().length;
            }
            assertThat(received).isEqualTo(10_000);
        }
    }

    @Test
    void refusesOneChannelMoreThanTheNegotiatedChannelMax() throws Exception {
        assertThat(scenario.connect(factory -> factory.setRequestedChannelMax(10)).getChannelMax()).isEqualTo(10);

        try (RawAmqpSocket raw = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            raw.handshake(broker -> broker.withChannelMax(10).withHeartbeat(0));
            for (int channel = 1; channel <= 10; channel++) {
                raw.openChannel(channel);
            }
            raw.writeMethod(11, MethodWriter.method(20, 10).shortString(""));

            // RabbitMQ 3.10 counts open channels rather than checking the number: with fewer than channel-max
            // channels open it would accept channel 11 too.
            assertThat(raw.awaitConnectionClose()).isEqualTo(CloseReason.connection(530,
                    "NOT_ALLOWED - number of channels opened (10) has reached the negotiated channel_max (10)"));
        }
    }

    @Test
    void sendsHeartbeatsAtTheIntervalTheClientAskedFor() throws Exception {
        assertThat(scenario.connect(factory -> factory.setRequestedHeartbeat(1)).getHeartbeat()).isEqualTo(1);

        try (RawAmqpSocket raw = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            raw.handshake(broker -> broker.withHeartbeat(1));
            raw.writeFrame(RawFrame.HEARTBEAT, 0, new byte[0]);

            RawFrame frame = raw.readFrame();
            assertThat(frame.type()).isEqualTo(RawFrame.HEARTBEAT);
            assertThat(frame.channel()).isZero();
        }
    }

    @Test
    void closesASilentPeerAndRedeliversItsUnackedMessagesToAnotherConsumer() throws Exception {
        String queue = scenario.queueName("silent-peer");
        Channel channel = scenario.openChannel();
        channel.queueDeclare(queue, false, false, false, null);

        try (RawAmqpSocket silent = RawAmqpSocket.connect(scenario.target().connectionFactory())) {
            silent.handshake(broker -> broker.withHeartbeat(1));
            silent.openChannel(1);
            silent.writeMethod(1, MethodWriter.method(60, 20).shortInt(0).shortString(queue).shortString("silent")
                    .bits(false, false, false, false).emptyTable());
            silent.expectMethod(1, 60, 21);
            channel.basicPublish("", queue, null, bytes("unacked"));
            silent.expectMethod(1, 60, 60);
            // From here on the raw peer sends nothing, not even heartbeats, and never acks.

            RecordingConsumer survivor = new RecordingConsumer(channel);
            channel.basicConsume(queue, true, survivor);
            Delivery redelivered = survivor.next();

            assertThat(text(redelivered.getBody())).isEqualTo("unacked");
            assertThat(redelivered.getEnvelope().isRedeliver()).isTrue();
            silent.awaitEndOfStream();
        }
    }
}
