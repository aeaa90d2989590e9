package io.eventyard.broker.scenario;

import com.rabbitmq.client.ConnectionFactory;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.Bystander;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.MethodWriter;
import io.eventyard.broker.scenario.harness.RawAmqpSocket;
import io.eventyard.broker.scenario.harness.RawFrame;
import io.eventyard.broker.scenario.harness.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input over a raw socket, after a good handshake with frame-max 4096. Each gets RabbitMQ's
 * {@code connection.close} (read off the socket), the socket closes after {@code close-ok}, and a healthy
 * Java-client connection keeps publishing and consuming before and after.
 */
@ForEachBrokerTarget
class BadInputScenarioIT {

    private static final int FRAME_MAX = 4096;

    @RegisterExtension
    final Scenario scenario;

    private Bystander bystander;

    BadInputScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void startBystander() throws Exception {
        bystander = Bystander.on(scenario.connect());
        bystander.assertStillServes();
    }

    @Test
    void closesWith501OnRandomBytes() throws Exception {
        byte[] noise = new byte[64];
        new Random(42).nextBytes(noise);

        // Which check fails first depends on the bytes; RabbitMQ 3.10 reports frame_too_large for this seed.
        assertThat(closeAfter(raw -> raw.write(noise)).code()).isEqualTo(501);
    }

    @Test
    void cleansUpAConnectionThatSentATruncatedFrameAndWentAway() throws Exception {
        String queue = scenario.queueName("truncated");
        try (RawAmqpSocket raw = openRaw()) {
            raw.writeMethod(1, MethodWriter.method(50, 10).shortInt(0).shortString(queue)
                    .bits(false, false, true, false, false).emptyTable());
            raw.expectMethod(1, 50, 11);
            byte[] frame = RawAmqpSocket.frame(RawFrame.METHOD, 1, MethodWriter.method(60, 40).shortInt(0)
                    .shortString("").shortString(queue).bits(false, false).toBytes());
            raw.write(Arrays.copyOf(frame, frame.length / 2));
        }

        // The exclusive queue goes with its connection: the broker noticed the socket closing mid-frame.
        scenario.awaitQueueGone(queue);
        bystander.assertStillServes();
    }

    @Test
    void closesWith501OnAFrameLargerThanTheNegotiatedFrameMax() throws Exception {
        CloseReason reason = closeAfter(raw -> raw.writeFrame(RawFrame.BODY, 1, new byte[5000]));

        assertThat(reason).isEqualTo(CloseReason.connection(501, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,5000,4088}"));
    }

    @Test
    void acceptsAFrameOfExactlyTheNegotiatedFrameMax() throws Exception {
        String queue = scenario.queueName("frame-max");
        scenario.openChannel().queueDeclare(queue, false, false, false, null);
        byte[] body = new byte[FRAME_MAX - RawFrame.OVERHEAD];

        try (RawAmqpSocket raw = openRaw()) {
            raw.writeMethod(1, MethodWriter.method(60, 40).shortInt(0).shortString("").shortString(queue).bits(false, false));
            raw.writeContentHeader(1, body.length);
            raw.writeFrame(RawFrame.BODY, 1, body);
            raw.writeMethod(1, MethodWriter.method(85, 10).bits(false));
            raw.expectMethod(1, 85, 11);
        }

        scenario.awaitMessageCount(queue, 1);
    }

    @Test
    void closesWith501OnAWrongFrameEnd() throws Exception {
        byte[] heartbeat = RawAmqpSocket.frame(RawFrame.HEARTBEAT, 0, new byte[0]);
        heartbeat[heartbeat.length - 1] = 0;

        assertThat(closeAfter(raw -> raw.write(heartbeat)))
                .isEqualTo(CloseReason.connection(501, "FRAME_ERROR - type 8, all octets = <<>>: {invalid_frame_end_marker,0}"));
    }

    @Test
    void closesWith501OnAnUnknownFrameType() throws Exception {
        assertThat(closeAfter(raw -> raw.writeFrame(9, 0, new byte[0])))
                .isEqualTo(CloseReason.connection(501, "FRAME_ERROR - type 9, all octets = <<>>: unknown_frame"));
    }

    @Test
    void closesWith501OnMethodArgumentsCutShort() throws Exception {
        // queue.declare with one octet of arguments instead of a reserved short, a name, bits and a table.
        assertThat(closeAfter(raw -> raw.writeFrame(RawFrame.METHOD, 1, new byte[] {0, 50, 0, 10, 0})).code()).isEqualTo(501);
    }

    @Test
    void closesWith504OnAMethodOnAChannelTheClientClosed() throws Exception {
        CloseReason reason = closeAfter(raw -> {
            raw.closeChannel(1);
            raw.writeMethod(1, MethodWriter.method(50, 10).shortInt(0).shortString("").bits(false, false, true, true, false).emptyTable());
        });

        assertThat(reason).isEqualTo(CloseReason.connection(504, "CHANNEL_ERROR - expected 'channel.open'"));
    }

    @Test
    void closesWith504OnAChannelMethodOnChannelZero() throws Exception {
        CloseReason reason = closeAfter(raw -> raw.writeMethod(0, MethodWriter.method(50, 10).shortInt(0).shortString("")
                .bits(false, false, true, true, false).emptyTable()));

        assertThat(reason).isEqualTo(CloseReason.connection(504, "CHANNEL_ERROR - unexpected method in connection state running"));
    }

    @Test
    void closesWith505OnAContentBodyWithoutAContentHeader() throws Exception {
        CloseReason reason = closeAfter(raw -> {
            raw.writeMethod(1, MethodWriter.method(60, 40).shortInt(0).shortString("").shortString("nowhere").bits(false, false));
            raw.writeFrame(RawFrame.BODY, 1, bytes("headless"));
        });

        assertThat(reason).isEqualTo(CloseReason.connection(505,
                "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead"));
    }

    @Test
    void closesWith505OnAMethodWhereTheContentBodyShouldBe() throws Exception {
        CloseReason reason = closeAfter(raw -> {
            raw.writeMethod(1, MethodWriter.method(60, 40).shortInt(0).shortString("").shortString("nowhere").bits(false, false));
            raw.writeContentHeader(1, 10);
            raw.writeMethod(1, MethodWriter.method(85, 10).bits(false));
        });

        assertThat(reason).isEqualTo(CloseReason.connection(505,
                "UNEXPECTED_FRAME - expected content body, got non content body frame instead"));
    }

    @Test
    void closesWith505OnAContentFrameOnAnUnopenedChannel() throws Exception {
        // A method on an unopened channel is a 504 (see ChannelErrorScenarioIT); content with no method before it
        // fails earlier, as an unexpected frame.
        CloseReason reason = closeAfter(raw -> raw.writeFrame(RawFrame.BODY, 7, bytes("orphan")));

        assertThat(reason).isEqualTo(CloseReason.connection(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead"));
    }

    @Test
    void closesWith505OnAHeartbeatOnAChannelOtherThanZero() throws Exception {
        assertThat(closeAfter(raw -> raw.writeFrame(RawFrame.HEARTBEAT, 1, new byte[0])))
                .isEqualTo(CloseReason.connection(505, "UNEXPECTED_FRAME - type 8, all octets = <<>>"));
    }

    @Test
    void discardsMethodsOnAChannelItIsClosingUntilCloseOk() throws Exception {
        String missing = scenario.uniqueName("missing");
        try (RawAmqpSocket raw = openRaw()) {
            MethodWriter passiveDeclare = MethodWriter.method(50, 10).shortInt(0).shortString(missing)
                    .bits(true, false, false, false, false).emptyTable();
            raw.writeMethod(1, passiveDeclare);
            assertThat(raw.awaitChannelClose(1)).isEqualTo(CloseReason.channel(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'"));

            raw.writeMethod(1, passiveDeclare);
            raw.writeMethod(1, MethodWriter.method(20, 41));
            raw.openChannel(1);
            raw.writeMethod(1, MethodWriter.method(60, 10).longInt(0).shortInt(1).bits(false));

            // The second declare was discarded: the next frame answers the basic.qos on the reopened channel.
            raw.expectMethod(1, 60, 11);
        }
        bystander.assertStillServes();
    }

    private RawAmqpSocket openRaw() throws IOException {
        ConnectionFactory factory = scenario.target().connectionFactory();
        RawAmqpSocket raw = RawAmqpSocket.connect(factory);
        raw.handshake(broker -> broker.withFrameMax(FRAME_MAX).withHeartbeat(0));
        raw.openChannel(1);
        return raw;
    }

    /** Sends bad input on a fresh connection, returns the broker's close, and checks the aftermath. */
    private CloseReason closeAfter(RawInput input) throws Exception {
        CloseReason reason;
        try (RawAmqpSocket raw = openRaw()) {
            input.sendTo(raw);
            reason = raw.awaitConnectionClose();
            raw.awaitEndOfStream();
        }
        bystander.assertStillServes();
        return reason;
    }

    @FunctionalInterface
    private interface RawInput {
        void sendTo(RawAmqpSocket raw) throws IOException;
    }
}
