package io.eventyard.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.Frame;
import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHeaderTest {

    static MessageProperties allProperties() {
        return new MessageProperties("application/json", "gzip", MethodSamples.table("retries", 3, "origin", "web"),
                2, 5, "corr-1", "amq.rabbitmq.reply-to", "60000", "msg-1", 1_700_000_000L, "order.placed",
                "guest", "order-service", "cluster-a");
    }

    @Test
    void roundTripsAllFourteenProperties() {
        ContentHeader header = new ContentHeader(60, 0, 1234, allProperties());

        assertThat(roundTrip(header)).isEqualTo(header);
    }

    @Test
    void roundTripsNoPropertiesAsTwoZeroFlagBytes() {
        ContentHeader header = new ContentHeader(60, 0, 0, MessageProperties.EMPTY);
        ByteBuf buf = Unpooled.buffer();

        header.write(buf);

        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("003c" + "0000" + "0000000000000000" + "0000");
        assertThat(ContentHeader.read(buf)).isEqualTo(header);
    }

    @Test
    void roundTripsEachPropertyAlone() {
        MessageProperties all = allProperties();
        Object[] values = {all.contentType(), all.contentEncoding(), all.headers(), all.deliveryMode(),
                all.priority(), all.correlationId(), all.replyTo(), all.expiration(), all.messageId(),
                all.timestamp(), all.type(), all.userId(), all.appId(), all.clusterId()};
        for (int i = 0; i < values.length; i++) {
            Object[] one = new Object[values.length];
            one[i] = values[i];
            MessageProperties properties = properties(one);
            ContentHeader header = new ContentHeader(60, 0, 1, properties);
            ByteBuf buf = Unpooled.buffer();
            header.write(buf);

            assertThat(buf.getUnsignedShort(12)).as("flag of property %d", i).isEqualTo(0x8000 >>> i);
            assertThat(ContentHeader.read(buf)).isEqualTo(header);
        }
    }

    @Test
    void writesPropertiesExactlyLikeTheJavaClient() throws IOException {
        AMQP.BasicProperties theirs = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip")
                .headers(Map.of("retries", 3)).deliveryMode(2).priority(5)
                .correlationId("corr-1").replyTo("amq.rabbitmq.reply-to").expiration("60000").messageId("msg-1")
                .timestamp(new Date(1_700_000_000_000L)).type("order.placed").userId("guest")
                .appId("order-service").clusterId("cluster-a").build();
        MessageProperties ours = new MessageProperties("application/json", "gzip", Map.of("retries", 3), 2, 5,
                "corr-1", "amq.rabbitmq.reply-to", "60000", "msg-1", 1_700_000_000L, "order.placed", "guest",
                "order-service", "cluster-a");
        ByteBuf buf = Unpooled.buffer();

        new ContentHeader(60, 0, 4096, ours).write(buf);

        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo(ByteBufUtil.hexDump(payloadOf(theirs.toFrame(1, 4096))));
    }

    @Test
    void readsPropertiesWrittenByTheJavaClient() throws IOException {
        AMQP.BasicProperties theirs = new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("m").build();

        ContentHeader header = ContentHeader.read(Unpooled.wrappedBuffer(payloadOf(theirs.toFrame(1, 3))));

        assertThat(header).isEqualTo(new ContentHeader(60, 0, 3, new MessageProperties(null, null, null, 2, null,
                null, null, null, "m", null, null, null, null, null)));
    }

    @Test
    void followsTheContinuationBitToAnEmptyFlagsWord() {
        // Spec 4.2.6.1: bit 0 announces another flags word; basic defines nothing there, so it is zero.
        ByteBuf buf = Unpooled.buffer().writeShort(60).writeShort(0).writeLong(0)
                .writeShort(0x1000 | 1).writeShort(0).writeByte(2);

        assertThat(ContentHeader.read(buf).properties().deliveryMode()).isEqualTo(2);
    }

    @Test
    void rejectsFlagsBeyondTheFourteenBasicProperties() {
        ByteBuf buf = Unpooled.buffer().writeShort(60).writeShort(0).writeLong(0).writeShort(1).writeShort(0x8000);

        assertSyntaxError(() -> ContentHeader.read(buf), "property flags beyond the 14 basic properties");
    }

    @Test
    void rejectsPropertiesRunningPastTheFrame() {
        ByteBuf buf = Unpooled.buffer().writeShort(60).writeShort(0).writeLong(0).writeShort(0x8000).writeByte(10);

        assertSyntaxError(() -> ContentHeader.read(buf), "run past the end of the frame");
    }

    @Test
    void rejectsBytesAfterTheLastProperty() {
        ByteBuf buf = Unpooled.buffer().writeShort(60).writeShort(0).writeLong(0).writeShort(0).writeByte(1);

        assertSyntaxError(() -> ContentHeader.read(buf), "1 bytes after the last content header property");
    }

    private static ContentHeader roundTrip(ContentHeader header) {
        ByteBuf buf = Unpooled.buffer();
        header.write(buf);
        ContentHeader decoded = ContentHeader.read(buf);
        assertThat(buf.isReadable()).isFalse();
        return decoded;
    }

    @SuppressWarnings("unchecked")
    private static MessageProperties properties(Object[] v) {
        return new MessageProperties((String) v[0], (String) v[1], (Map<String, Object>) v[2], (Integer) v[3],
                (Integer) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8], (Long) v[9],
                (String) v[10], (String) v[11], (String) v[12], (String) v[13]);
    }

    private static void assertSyntaxError(Runnable decode, String detail) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(AmqpException.class, e -> {
            assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
            assertThat(e.replyText()).contains(detail);
        });
    }

    static byte[] payloadOf(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frame.writeTo(new DataOutputStream(bytes));
        byte[] all = bytes.toByteArray();
        return Arrays.copyOfRange(all, 7, all.length - 1);
    }
}
