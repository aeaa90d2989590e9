package io.eventyard.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MethodCodecTest {

    static Stream<Method> methods() {
        return MethodSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void roundTripsEveryMethod(Method method) {
        ByteBuf buf = Unpooled.buffer();
        MethodCodec.encode(method, buf);

        int classId = buf.readUnsignedShort();
        int methodId = buf.readUnsignedShort();
        Method decoded = MethodCodec.decode(classId, methodId, buf);

        assertThat(decoded).isEqualTo(method);
        assertThat(buf.isReadable()).as("every argument byte consumed").isFalse();
        assertThat(classId).isEqualTo(method.classId());
        assertThat(methodId).isEqualTo(method.methodId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void encodesEveryMethodAsTheRabbitMqJavaClientDoes(Method method) throws IOException {
        byte[] ours = encode(method);

        // The official client parses our bytes into its own method object and writes that back out: equal bytes
        // mean both sides agree on ids, field order, bit packing and every field type.
        com.rabbitmq.client.impl.Method theirs =
                AMQImpl.readMethodFrom(new DataInputStream(new ByteArrayInputStream(ours)));
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        theirs.toFrame(0).writeTo(new DataOutputStream(rewritten));
        byte[] frame = rewritten.toByteArray();
        byte[] theirPayload = Arrays.copyOfRange(frame, 7, frame.length - 1);

        assertThat(ByteBufUtil.hexDump(theirPayload)).isEqualTo(ByteBufUtil.hexDump(ours));
        assertThat(theirs.protocolMethodName()).isEqualTo(method.name());
        assertThat(theirs.hasContent()).isEqualTo(method.carriesContent());
    }

    @Test
    void samplesCoverEveryMethodRecord() {
        Set<Class<?>> sampled = MethodSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> declared = Arrays.stream(Method.class.getPermittedSubclasses())
                .flatMap(c -> Arrays.stream(c.getPermittedSubclasses()))
                .collect(Collectors.toSet());

        assertThat(declared).hasSize(64);
        assertThat(sampled).isEqualTo(declared);
    }

    @Test
    void encodesQueueDeclareExactlyLikeTheJavaClient() throws IOException {
        Map<String, Object> clientArguments = new HashMap<>();
        clientArguments.put("x-message-ttl", 60000);
        AMQImpl.Queue.Declare theirs =
                new AMQImpl.Queue.Declare(0, "order.placed", false, true, false, true, false, clientArguments);

        byte[] ours = encode(new QueueMethod.Declare("order.placed", false, true, false, true, false,
                Map.of("x-message-ttl", 60000)));

        assertThat(ByteBufUtil.hexDump(ours)).isEqualTo(ByteBufUtil.hexDump(payloadOf(theirs.toFrame(1))));
    }

    @Test
    void encodesBasicDeliverExactlyLikeTheJavaClient() throws IOException {
        AMQImpl.Basic.Deliver theirs = new AMQImpl.Basic.Deliver("ctag", 123456789012L, true, "ex", "rk");

        byte[] ours = encode(new BasicMethod.Deliver("ctag", 123456789012L, true, "ex", "rk"));

        assertThat(ByteBufUtil.hexDump(ours)).isEqualTo(ByteBufUtil.hexDump(payloadOf(theirs.toFrame(1))));
    }

    @Test
    void readsBasicNackWrittenByTheJavaClient() throws IOException {
        byte[] theirs = payloadOf(new AMQImpl.Basic.Nack(42, true, false).toFrame(1));
        ByteBuf buf = Unpooled.wrappedBuffer(theirs);

        Method decoded = MethodCodec.decode(buf.readUnsignedShort(), buf.readUnsignedShort(), buf);

        assertThat(decoded).isEqualTo(new BasicMethod.Nack(42, true, false));
    }

    @Test
    void unknownIdsDecodeToNull() {
        assertThat(MethodCodec.decode(99, 10, Unpooled.EMPTY_BUFFER)).isNull();
        assertThat(MethodCodec.decode(60, 99, Unpooled.EMPTY_BUFFER)).isNull();
        assertThat(MethodCodec.decode(30, 10, Unpooled.EMPTY_BUFFER)).as("access class is gone in 0-9-1").isNull();
    }

    @Test
    void refusesShortstrOver255Bytes() {
        Method method = new QueueMethod.Declare("q".repeat(256), false, false, false, false, false, Map.of());

        assertThatThrownBy(() -> MethodCodec.encode(method, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255");
    }

    @Test
    void acceptsShortstrOfExactly255Bytes() {
        Method method = new BasicMethod.ConsumeOk("é".repeat(127) + "x");
        ByteBuf buf = Unpooled.buffer();

        MethodCodec.encode(method, buf);

        assertThat(buf.getUnsignedByte(4)).isEqualTo((short) 255);
    }

    @Test
    void startOkHidesTheCredentialsInToString() {
        Method method = new ConnectionMethod.StartOk(Map.of(), "PLAIN", "\0guest\0secret".getBytes(), "en_US");

        assertThat(method.toString()).doesNotContain("secret").contains("13 bytes");
    }

    private static byte[] encode(Method method) {
        ByteBuf buf = Unpooled.buffer();
        MethodCodec.encode(method, buf);
        return ByteBufUtil.getBytes(buf);
    }

    private static byte[] payloadOf(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frame.writeTo(new DataOutputStream(bytes));
        byte[] all = bytes.toByteArray();
        return Arrays.copyOfRange(all, 7, all.length - 1);
    }
}
