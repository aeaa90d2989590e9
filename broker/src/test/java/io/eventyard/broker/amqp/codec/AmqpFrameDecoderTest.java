package io.eventyard.broker.amqp.codec;

import static io.eventyard.broker.amqp.codec.FrameBytes.bodyFrame;
import static io.eventyard.broker.amqp.codec.FrameBytes.bytes;
import static io.eventyard.broker.amqp.codec.FrameBytes.frame;
import static io.eventyard.broker.amqp.codec.FrameBytes.headerFrame;
import static io.eventyard.broker.amqp.codec.FrameBytes.methodFrame;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reply texts expected here are those RabbitMQ 3.10.8 sent for the same bytes (probed over a socket), except
 * where a test says otherwise.
 */
class AmqpFrameDecoderTest {

    private static final int FRAME_MAX = 131072;
    private static final int MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    private static final Method PUBLISH = new BasicMethod.Publish("shop.events", "order.placed", false, false);
    private static final MessageProperties PERSISTENT = MessageProperties.EMPTY.withDeliveryMode(2);

    private EmbeddedChannel channel;
    private AmqpFrameDecoder decoder;

    @BeforeEach
    void connect() {
        decoder = new AmqpFrameDecoder(FRAME_MAX, MAX_MESSAGE_SIZE);
        channel = new EmbeddedChannel(decoder);
        channel.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.AMQP_0_9_1.bytes()));
        assertThat((Object) channel.readInbound()).isEqualTo(ProtocolHeader.AMQP_0_9_1);
    }

    // --- protocol header (spec 4.2.2) ---

    @Test
    void waitsForAllEightBytesOfTheProtocolHeader() {
        EmbeddedChannel fresh = new EmbeddedChannel(new AmqpFrameDecoder(FRAME_MAX, MAX_MESSAGE_SIZE));

        fresh.writeInbound(Unpooled.wrappedBuffer(bytes('A', 'M', 'Q', 'P', 0)));
        assertThat((Object) fresh.readInbound()).isNull();
        fresh.writeInbound(Unpooled.wrappedBuffer(bytes(0, 9, 1)));

        assertThat((Object) fresh.readInbound()).isEqualTo(ProtocolHeader.AMQP_0_9_1);
    }

    @Test
    void acceptsTheHeaderOfAmqp09AsRabbitMqDoes() {
        EmbeddedChannel fresh = new EmbeddedChannel(new AmqpFrameDecoder(FRAME_MAX, MAX_MESSAGE_SIZE));

        fresh.writeInbound(Unpooled.wrappedBuffer(bytes('A', 'M', 'Q', 'P', 1, 1, 0, 9)));

        assertThat(((ProtocolHeader) fresh.readInbound()).supported()).isTrue();
    }

    @Test
    void passesOnAnUnsupportedHeaderThenDiscardsEverything() {
        EmbeddedChannel fresh = new EmbeddedChannel(new AmqpFrameDecoder(FRAME_MAX, MAX_MESSAGE_SIZE));
        byte[] http = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

        fresh.writeInbound(Unpooled.wrappedBuffer(http));
        fresh.writeInbound(methodFrame(0, new ConnectionMethod.CloseOk()));

        assertThat((Object) fresh.readInbound())
                .isEqualTo(new ProtocolHeader(Arrays.copyOf(http, 8), false));
        assertThat((Object) fresh.readInbound()).isNull();
    }

    // --- commands ---

    @Test
    void emitsAHeartbeatForAHeartbeatFrame() {
        channel.writeInbound(frame(8, 0, new byte[0]));

        assertThat((Object) channel.readInbound()).isSameAs(Heartbeat.INSTANCE);
    }

    @Test
    void emitsAMethodWithoutContentAtOnce() {
        channel.writeInbound(methodFrame(1, new BasicMethod.Ack(5, true)));

        assertThat((Object) channel.readInbound()).isEqualTo(AmqpCommand.of(1, new BasicMethod.Ack(5, true)));
    }

    @Test
    void joinsMethodHeaderAndBodyIntoOneCommand() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, 5, PERSISTENT));
        assertThat((Object) channel.readInbound()).as("nothing before the body is complete").isNull();
        channel.writeInbound(bodyFrame(1, bytes('h', 'e', 'l', 'l', 'o')));

        assertThat((Object) channel.readInbound())
                .isEqualTo(new AmqpCommand(1, PUBLISH, PERSISTENT, "hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void completesAZeroSizeBodyAtTheContentHeader() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, 0, MessageProperties.EMPTY));

        assertThat((Object) channel.readInbound())
                .isEqualTo(new AmqpCommand(1, PUBLISH, MessageProperties.EMPTY, new byte[0]));
        channel.writeInbound(methodFrame(1, new TxMethod.Commit()));
        assertThat((Object) channel.readInbound()).as("a method may follow at once")
                .isEqualTo(AmqpCommand.of(1, new TxMethod.Commit()));
    }

    @Test
    void reassemblesALargeBodySplitAcrossFrames() {
        byte[] body = new byte[3 * 1024 * 1024 + 17]; // more than is allocated up front
        new Random(42).nextBytes(body);
        int chunk = FRAME_MAX - 8;

        channel.writeInbound(methodFrame(3, PUBLISH));
        channel.writeInbound(headerFrame(3, body.length, PERSISTENT));
        for (int offset = 0; offset < body.length; offset += chunk) {
            channel.writeInbound(bodyFrame(3, Arrays.copyOfRange(body, offset, Math.min(body.length, offset + chunk))));
        }

        AmqpCommand command = channel.readInbound();
        assertThat(command.body()).isEqualTo(body);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void assemblesCommandsInterleavedOnTwoChannels() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(methodFrame(2, PUBLISH));
        channel.writeInbound(headerFrame(2, 4, PERSISTENT));
        channel.writeInbound(headerFrame(1, 2, MessageProperties.EMPTY));
        channel.writeInbound(bodyFrame(1, bytes('a')));
        channel.writeInbound(bodyFrame(2, bytes('w', 'x')));
        channel.writeInbound(methodFrame(3, new BasicMethod.Ack(1, false)));
        channel.writeInbound(bodyFrame(2, bytes('y', 'z')));
        channel.writeInbound(bodyFrame(1, bytes('b')));

        assertThat((Object) channel.readInbound()).isEqualTo(AmqpCommand.of(3, new BasicMethod.Ack(1, false)));
        assertThat((Object) channel.readInbound())
                .isEqualTo(new AmqpCommand(2, PUBLISH, PERSISTENT, bytes('w', 'x', 'y', 'z')));
        assertThat((Object) channel.readInbound())
                .isEqualTo(new AmqpCommand(1, PUBLISH, MessageProperties.EMPTY, bytes('a', 'b')));
    }

    @Test
    void decodesFramesArrivingOneByteAtATime() {
        ByteBuf all = Unpooled.wrappedBuffer(methodFrame(1, PUBLISH), headerFrame(1, 2, PERSISTENT),
                bodyFrame(1, bytes('o', 'k')), frame(8, 0, new byte[0]));

        while (all.isReadable()) {
            channel.writeInbound(all.readRetainedSlice(1));
        }

        assertThat((Object) channel.readInbound()).isEqualTo(new AmqpCommand(1, PUBLISH, PERSISTENT, bytes('o', 'k')));
        assertThat((Object) channel.readInbound()).isSameAs(Heartbeat.INSTANCE);
    }

    @Test
    void decodesAPublishFramedByTheRabbitMqJavaClient() throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain").deliveryMode(2).headers(Map.of("attempt", 1)).build();
        byte[] body = "hello from the Java client".getBytes(StandardCharsets.UTF_8);

        channel.writeInbound(Unpooled.wrappedBuffer(
                wire(new AMQImpl.Basic.Publish(0, "ex", "rk", true, false).toFrame(7)),
                wire(properties.toFrame(7, body.length)),
                wire(Frame.fromBodyFragment(7, body, 0, 10)),
                wire(Frame.fromBodyFragment(7, body, 10, body.length - 10))));

        assertThat((Object) channel.readInbound()).isEqualTo(new AmqpCommand(7,
                new BasicMethod.Publish("ex", "rk", true, false),
                new MessageProperties("text/plain", null, Map.of("attempt", 1), 2, null, null, null, null, null,
                        null, null, null, null, null),
                body));
    }

    @Test
    void acceptsMalformedUtf8InThePublishRoutingKeyAsRabbitMqDoes() {
        // RabbitMQ skips the UTF-8 check for content-carrying methods.
        byte[] payload = bytes(0, 60, 0, 40, 0, 0, 0, 2, 0xC3, 0x28, 0);
        channel.writeInbound(frame(1, 1, payload));
        channel.writeInbound(headerFrame(1, 0, MessageProperties.EMPTY));

        AmqpCommand command = channel.readInbound();
        assertThat(((BasicMethod.Publish) command.method()).routingKey()).isEqualTo("\uFFFD(");
    }

    @Test
    void passesMethodsOtherThanConnectionMethodsOnChannelZeroToTheHandler() {
        // RabbitMQ answers these with 504 CHANNEL_ERROR, from its connection state machine.
        channel.writeInbound(methodFrame(0, new BasicMethod.Qos(0, 10, false)));

        assertThat((Object) channel.readInbound()).isEqualTo(AmqpCommand.of(0, new BasicMethod.Qos(0, 10, false)));
    }

    // --- bad input: one per rule ---

    @Test
    void rejectsFrameLargerThanFrameMaxBeforeItsPayloadArrives() {
        channel.writeInbound(Unpooled.buffer().writeByte(3).writeShort(1).writeInt(200_000));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,200000,131064}", 0, 0);
    }

    @Test
    void acceptsAPayloadOfFrameMaxBytesLikeRabbitMq() {
        // RabbitMQ tolerates 8 bytes over frame-max, as clients often forget the frame overhead.
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, FRAME_MAX, MessageProperties.EMPTY));
        channel.writeInbound(bodyFrame(1, new byte[FRAME_MAX]));

        assertThat(((AmqpCommand) channel.readInbound()).body()).hasSize(FRAME_MAX);
    }

    @Test
    void appliesANewFrameMaxToLaterFrames() {
        decoder.setFrameMax(4096);

        channel.writeInbound(bodyFrame(1, new byte[4097]));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,4097,4088}", 0, 0);
    }

    @Test
    void rejectsABadFrameEnd() {
        channel.writeInbound(frame(1, 1, FrameBytes.methodPayload(new BasicMethod.Qos(0, 0, false)), 0));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - type 1, all octets = <<0,60,0,10,0,0,0,0,0,0,0>>: {invalid_frame_end_marker,0}", 0, 0);
    }

    @Test
    void quotesOnlyTheFirst16BytesOfALongPayload() {
        channel.writeInbound(frame(3, 1, "0123456789abcdefXYZ".getBytes(StandardCharsets.US_ASCII), 0x41));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - type 3, first 16 octets = <<\"0123456789abcdef\">>: {invalid_frame_end_marker,65}",
                0, 0);
    }

    @Test
    void rejectsAnUnknownFrameType() {
        channel.writeInbound(frame(9, 1, bytes('a', 'b', 'c')));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 9, all octets = <<\"abc\">>: unknown_frame",
                0, 0);
    }

    @Test
    void rejectsAMethodFrameTooShortForItsIds() {
        channel.writeInbound(frame(1, 1, bytes(0, 60)));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 1, all octets = <<0,60>>: unknown_frame",
                0, 0);
    }

    @Test
    void rejectsAContentHeaderFrameTooShortForItsFields() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(frame(2, 1, bytes(0, 60, 0)));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 2, all octets = <<0,60,0>>: unknown_frame",
                0, 0);
    }

    @Test
    void rejectsAHeartbeatWithAPayload() {
        channel.writeInbound(frame(8, 0, bytes('x')));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 8, all octets = <<\"x\">>: unknown_frame",
                0, 0);
    }

    @Test
    void rejectsAHeartbeatOnANonZeroChannel() {
        channel.writeInbound(frame(8, 1, new byte[0]));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME, "UNEXPECTED_FRAME - type 8, all octets = <<>>", 0, 0);
    }

    @Test
    void rejectsContentFramesOnChannelZero() {
        channel.writeInbound(frame(3, 0, bytes('a', 'b', 'c')));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME, "UNEXPECTED_FRAME - type 3, all octets = <<\"abc\">>",
                0, 0);
    }

    @Test
    void rejectsAnUnknownClassOrMethodIdWithNotImplemented() {
        // RabbitMQ 3.10 drops the connection here without a connection.close.
        channel.writeInbound(frame(1, 1, bytes(0, 60, 0, 99)));

        assertConnectionFailure(ReplyCode.NOT_IMPLEMENTED, "NOT_IMPLEMENTED - unknown method {60,99}", 60, 99);
    }

    @Test
    void rejectsTruncatedMethodArguments() {
        channel.writeInbound(frame(1, 1, bytes(0, 50, 0, 10, 0, 0, 5, 'a', 'b')));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - cannot decode <<0,0,5,97,98>>", 50, 10);
    }

    @Test
    void rejectsBytesAfterTheLastArgument() {
        channel.writeInbound(frame(1, 1, bytes(0, 50, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 'j', 'u', 'n', 'k')));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - cannot decode <<0,0,0,0,0,0,0,0,106,117,110,107>>", 50, 10);
    }

    @Test
    void rejectsATableLengthPastTheEndOfTheArguments() {
        channel.writeInbound(frame(1, 1, bytes(0, 50, 0, 10, 0, 0, 1, 'q', 0, 0, 0, 0, 100, 1, 'k')));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - cannot decode <<0,0,1,113,0,0,0,0,100,1,107>>", 50, 10);
    }

    @Test
    void rejectsAnUnknownFieldTypeInTheArguments() {
        // RabbitMQ 3.10 drops the connection here; the same error as for any undecodable arguments says why.
        channel.writeInbound(frame(1, 1, bytes(0, 50, 0, 10, 0, 0, 1, 'q', 0, 0, 0, 0, 4, 1, 'k', 'Z', 1)));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - cannot decode <<0,0,1,113,0,0,0,0,4,1,107,90,1>>", 50, 10);
    }

    @Test
    void rejectsMalformedUtf8InAShortstrArgument() {
        channel.writeInbound(frame(1, 1, bytes(0, 40, 0, 10, 0, 0, 2, 0xC3, 0x28, 6, 'd', 'i', 'r', 'e', 'c', 't',
                0, 0, 0, 0, 0)));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - Malformed UTF-8 in shortstr", 0, 0);
    }

    @Test
    void namesTheConnectionMethodWithMalformedUtf8OnChannelZero() {
        channel.writeInbound(frame(1, 0, bytes(0, 10, 0, 40, 2, 0xC3, 0x28, 0, 0)));

        assertConnectionFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - Malformed UTF-8 in shortstr", 10, 40);
    }

    @Test
    void rejectsAContentHeaderWithoutAMethod() {
        channel.writeInbound(headerFrame(1, 5, MessageProperties.EMPTY));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0);
    }

    @Test
    void rejectsABodyFrameWithoutAMethod() {
        channel.writeInbound(bodyFrame(1, bytes('h', 'i')));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0);
    }

    @Test
    void rejectsAContentHeaderAfterAMethodWithoutContent() {
        channel.writeInbound(methodFrame(1, new QueueMethod.Declare("", false, false, false, false, false, null)));
        channel.readInbound();
        channel.writeInbound(headerFrame(1, 3, MessageProperties.EMPTY));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0);
    }

    @Test
    void rejectsAMethodWhileTheContentHeaderIsPending() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(methodFrame(1, PUBLISH));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead",
                60, 40);
    }

    @Test
    void rejectsAMethodWhileTheBodyIsPending() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, 5, MessageProperties.EMPTY));
        channel.writeInbound(methodFrame(1, PUBLISH));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected content body, got non content body frame instead", 60, 40);
    }

    @Test
    void rejectsAContentHeaderOfAnotherClass() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(frame(2, 1, bytes(0, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0)));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected content header for class 60, got one for class 50 instead", 60, 40);
    }

    @Test
    void rejectsAContentHeaderWithNonZeroWeight() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(frame(2, 1, bytes(0, 60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0)));

        assertConnectionFailure(ReplyCode.UNEXPECTED_FRAME,
                "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead",
                60, 40);
    }

    @Test
    void rejectsMalformedContentHeaderProperties() {
        // RabbitMQ 3.10 answers 541 INTERNAL_ERROR here, when its channel process crashes on the properties.
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(frame(2, 1, bytes(0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0)));

        assertConnectionFailure(ReplyCode.SYNTAX_ERROR,
                "SYNTAX_ERROR - content header properties run past the end of the frame", 60, 40);
    }

    @Test
    void rejectsABodyFrameLargerThanWhatRemainsOfTheBody() {
        // RabbitMQ 3.10 waits forever here; later versions send this.
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, 3, MessageProperties.EMPTY));
        channel.writeInbound(bodyFrame(1, bytes('h', 'e', 'l', 'l', 'o')));

        assertConnectionFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - content body frame exceeds remaining content size", 60, 40);
    }

    @Test
    void failsOnlyTheChannelForAMessageOverTheSizeLimitAndSkipsItsBody() {
        int size = MAX_MESSAGE_SIZE + 1;
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, size, PERSISTENT));

        FrameDecodingFailure failure = channel.readInbound();
        assertThat(failure.channel()).isEqualTo(1);
        assertThat(failure.cause().closesConnection()).isFalse();
        assertThat(failure.cause().replyCode()).isEqualTo(ReplyCode.PRECONDITION_FAILED);
        assertThat(failure.cause().replyText()).isEqualTo(
                "PRECONDITION_FAILED - message size 4194305 is larger than configured max size 4194304");
        assertThat(failure.cause().classId()).isEqualTo(60);
        assertThat(failure.cause().methodId()).isEqualTo(40);

        for (int sent = 0; sent < size; sent += FRAME_MAX - 8) {
            channel.writeInbound(bodyFrame(1, new byte[Math.min(FRAME_MAX - 8, size - sent)]));
        }
        assertThat((Object) channel.readInbound()).as("the body is skipped").isNull();
        channel.writeInbound(methodFrame(1, new ChannelMethod.CloseOk()));
        assertThat((Object) channel.readInbound()).isEqualTo(AmqpCommand.of(1, new ChannelMethod.CloseOk()));
    }

    @Test
    void readsBodySizeAsUnsignedWhenRefusingIt() {
        channel.writeInbound(methodFrame(1, PUBLISH));
        channel.writeInbound(headerFrame(1, -1L, MessageProperties.EMPTY));

        FrameDecodingFailure failure = channel.readInbound();
        assertThat(failure.cause().replyText()).contains("message size 18446744073709551615 is larger");
    }

    @Test
    void discardsAllInputAfterAConnectionFailure() {
        channel.writeInbound(frame(9, 1, new byte[0]));
        channel.readInbound();

        channel.writeInbound(methodFrame(1, new BasicMethod.Ack(1, false)));
        channel.writeInbound(frame(8, 0, new byte[0]));

        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void cutsLongReplyTextsTo255BytesAsRabbitMqDoes() {
        byte[] arguments = new byte[1000];
        arguments[2] = (byte) 200; // a 200-byte queue name, then far too many bytes
        ByteBuf payload = Unpooled.buffer().writeShort(50).writeShort(10).writeBytes(arguments);
        channel.writeInbound(frame(1, 1, io.netty.buffer.ByteBufUtil.getBytes(payload)));

        FrameDecodingFailure failure = channel.readInbound();
        assertThat(failure.cause().replyText()).startsWith("FRAME_ERROR - cannot decode <<0,0,200,0,").endsWith("...");
        assertThat(failure.cause().replyText().getBytes(StandardCharsets.UTF_8)).hasSize(255);
    }

    private void assertConnectionFailure(int replyCode, String replyText, int classId, int methodId) {
        Object message = channel.readInbound();
        assertThat(message).isInstanceOf(FrameDecodingFailure.class);
        AmqpException cause = ((FrameDecodingFailure) message).cause();
        assertThat(cause.replyText()).isEqualTo(replyText);
        assertThat(cause.replyCode()).isEqualTo(replyCode);
        assertThat(cause.closesConnection()).isTrue();
        assertThat(cause.classId()).as("class-id").isEqualTo(classId);
        assertThat(cause.methodId()).as("method-id").isEqualTo(methodId);
        assertThat((Object) channel.readInbound()).as("nothing after a connection failure").isNull();
        channel.writeInbound(methodFrame(1, new BasicMethod.Ack(1, false)));
        assertThat((Object) channel.readInbound()).as("input after it is discarded").isNull();
    }

    private static ByteBuf wire(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frame.writeTo(new DataOutputStream(bytes));
        return Unpooled.wrappedBuffer(bytes.toByteArray());
    }
}
