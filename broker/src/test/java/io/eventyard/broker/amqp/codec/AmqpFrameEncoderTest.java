package io.eventyard.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AmqpFrameEncoderTest {

    private static final Method DELIVER = new BasicMethod.Deliver("ctag", 1, false, "shop.events", "order.placed");
    private static final MessageProperties PERSISTENT = MessageProperties.EMPTY.withDeliveryMode(2);

    private final AmqpFrameEncoder encoder = new AmqpFrameEncoder(4096);
    private final EmbeddedChannel channel = new EmbeddedChannel(encoder);

    @Test
    void writesAMethodWithoutContentAsOneFrame() throws IOException {
        channel.writeOutbound(AmqpCommand.of(1, new BasicMethod.Ack(9, true)));

        List<Frame> frames = readFrames(written());
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).type).isEqualTo(1);
        assertThat(frames.get(0).channel).isEqualTo(1);
    }

    @Test
    void splitsTheBodyIntoFramesOfAtMostFrameMaxMinus8Bytes() throws IOException {
        byte[] body = new byte[10_000];
        new Random(7).nextBytes(body);

        channel.writeOutbound(new AmqpCommand(2, DELIVER, PERSISTENT, body));

        List<Frame> frames = readFrames(written());
        assertThat(frames).extracting(f -> f.type).containsExactly(1, 2, 3, 3, 3);
        assertThat(frames.subList(2, 5)).extracting(f -> f.getPayload().length)
                .containsExactly(4088, 4088, 10_000 - 2 * 4088);
        assertThat(frames).allSatisfy(f -> assertThat(f.channel).isEqualTo(2));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Frame f : frames.subList(2, 5)) {
            joined.write(f.getPayload());
        }
        assertThat(joined.toByteArray()).isEqualTo(body);
    }

    @Test
    void writesNoBodyFrameForAnEmptyBody() throws IOException {
        channel.writeOutbound(new AmqpCommand(1, DELIVER, MessageProperties.EMPTY, new byte[0]));

        assertThat(readFrames(written())).extracting(f -> f.type).containsExactly(1, 2);
    }

    @Test
    void appliesANewFrameMaxToLaterCommands() throws IOException {
        encoder.setFrameMax(0);

        channel.writeOutbound(new AmqpCommand(1, DELIVER, PERSISTENT, new byte[100_000]));

        assertThat(readFrames(written())).extracting(f -> f.type).containsExactly(1, 2, 3);
    }

    @Test
    void writesAPublishExactlyAsTheRabbitMqJavaClientFramesIt() throws IOException {
        byte[] body = "hello".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        Method publish = new BasicMethod.Publish("ex", "rk", true, false);
        AMQP.BasicProperties theirProperties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain").deliveryMode(2).headers(Map.of("attempt", 1)).build();
        MessageProperties ourProperties = new MessageProperties("text/plain", null, Map.of("attempt", 1), 2, null,
                null, null, null, null, null, null, null, null, null);

        channel.writeOutbound(new AmqpCommand(5, publish, ourProperties, body));

        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(theirs);
        new AMQImpl.Basic.Publish(0, "ex", "rk", true, false).toFrame(5).writeTo(out);
        theirProperties.toFrame(5, body.length).writeTo(out);
        for (int offset = 0; offset < body.length; offset += 4088) {
            Frame.fromBodyFragment(5, body, offset, Math.min(4088, body.length - offset)).writeTo(out);
        }
        assertThat(ByteBufUtil.hexDump(written())).isEqualTo(ByteBufUtil.hexDump(theirs.toByteArray()));
    }

    @Test
    void writesAHeartbeatFrame() {
        channel.writeOutbound(Heartbeat.INSTANCE);

        assertThat(ByteBufUtil.hexDump(written())).isEqualTo("08" + "0000" + "00000000" + "ce");
    }

    @Test
    void writesTheProtocolHeader() {
        channel.writeOutbound(ProtocolHeader.AMQP_0_9_1);

        assertThat(ByteBufUtil.hexDump(written())).isEqualTo("414d515000000901");
    }

    @Test
    void writesNothingOfACommandWithAShortstrOver255Bytes() {
        Method tooLong = new BasicMethod.ConsumeOk("t".repeat(256));

        assertThatThrownBy(() -> channel.writeOutbound(AmqpCommand.of(1, tooLong)))
                .isInstanceOf(EncoderException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void passesOtherMessagesThrough() {
        ByteBuf raw = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});

        channel.writeOutbound(raw);

        assertThat((Object) channel.readOutbound()).isSameAs(raw);
    }

    @Test
    void roundTripsEveryMethodThroughEncoderAndDecoder() {
        EmbeddedChannel decoding = new EmbeddedChannel(new AmqpFrameDecoder(4096, 1 << 20));
        decoding.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.AMQP_0_9_1.bytes()));
        decoding.readInbound();
        List<AmqpCommand> sent = new ArrayList<>();
        int channelNumber = 1;
        for (Method method : MethodSamples.all()) {
            AmqpCommand command = method.carriesContent()
                    ? new AmqpCommand(channelNumber, method, ContentHeaderTest.allProperties(), new byte[9000])
                    : AmqpCommand.of(method.classId() == ConnectionMethod.CLASS_ID ? 0 : channelNumber, method);
            sent.add(command);
            channel.writeOutbound(command);
            channelNumber++;
        }

        decoding.writeInbound(written());

        for (AmqpCommand command : sent) {
            assertThat((Object) decoding.readInbound()).isEqualTo(command);
        }
        assertThat((Object) decoding.readInbound()).isNull();
    }

    /** All bytes written so far, joined. */
    private ByteBuf written() {
        ByteBuf all = Unpooled.buffer();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            all.writeBytes(buf);
            buf.release();
        }
        return all;
    }

    private static List<Frame> readFrames(ByteBuf bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(ByteBufUtil.getBytes(bytes)));
        List<Frame> frames = new ArrayList<>();
        while (in.available() > 0) {
            frames.add(Frame.readFrom(in, Integer.MAX_VALUE));
        }
        return frames;
    }
}
