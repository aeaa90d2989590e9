package io.eventyard.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.impl.ValueWriter;
import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.core.message.LongString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTableCodecTest {

    /** One value of every type of the value model. */
    private static Map<String, Object> everyType() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("bool", true);
        table.put("byte", (byte) -7);
        table.put("short", (short) -300);
        table.put("int", -70000);
        table.put("long", -5_000_000_000L);
        table.put("float", 1.5f);
        table.put("double", -2.25d);
        table.put("decimal", new BigDecimal("-12.345"));
        table.put("string", "grüße");
        table.put("longString", new LongString(new byte[] {(byte) 0xC3, 0x28}));
        table.put("timestamp", Instant.ofEpochSecond(1_700_000_000L));
        table.put("void", null);
        table.put("bytes", new byte[] {0, 1, (byte) 0xFF});
        table.put("emptyTable", Map.of());
        table.put("emptyArray", List.of());
        return table;
    }

    @Test
    void roundTripsEveryFieldTypeNestedInArraysAndTables() {
        Map<String, Object> inner = everyType();
        List<Object> array = new ArrayList<>(inner.values());
        array.add(new ArrayList<>(inner.values()));
        array.add(inner);
        Map<String, Object> table = everyType();
        table.put("table", inner);
        table.put("array", array);

        ByteBuf buf = Unpooled.buffer();
        FieldTableCodec.writeTable(buf, table);
        byte[] written = ByteBufUtil.getBytes(buf);
        Map<String, Object> decoded = FieldTableCodec.readTable(buf);

        assertThat(buf.isReadable()).isFalse();
        assertSameValues(decoded, table);
        ByteBuf again = Unpooled.buffer();
        FieldTableCodec.writeTable(again, decoded);
        assertThat(ByteBufUtil.getBytes(again)).as("re-encodes byte for byte").isEqualTo(written);
    }

    @Test
    void decodesTablesInInsertionOrderAndUnmodifiable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("z", 1);
        table.put("a", 2);
        table.put("m", 3);

        Map<String, Object> decoded = roundTrip(table);

        assertThat(decoded.keySet()).containsExactly("z", "a", "m");
        assertThatThrownBy(() -> decoded.put("b", 4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void writesTablesExactlyLikeTheJavaClient() throws IOException {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("bool", true);
        table.put("byte", (byte) -7);
        table.put("short", (short) -300);
        table.put("int", -70000);
        table.put("long", -5_000_000_000L);
        table.put("float", 1.5f);
        table.put("double", -2.25d);
        table.put("decimal", new BigDecimal("-12.345"));
        table.put("string", "grüße");
        table.put("void", null);
        table.put("bytes", new byte[] {0, 1, (byte) 0xFF});
        table.put("array", List.of(1, "two", List.of(3L)));
        table.put("table", new LinkedHashMap<>(Map.of("k", "v")));
        Map<String, Object> clientTable = new LinkedHashMap<>(table);
        clientTable.put("timestamp", new Date(1_700_000_000_000L));
        table.put("timestamp", Instant.ofEpochSecond(1_700_000_000L));

        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        new ValueWriter(new DataOutputStream(theirs)).writeTable(clientTable);
        ByteBuf ours = Unpooled.buffer();
        FieldTableCodec.writeTable(ours, table);

        assertThat(ByteBufUtil.hexDump(ours)).isEqualTo(ByteBufUtil.hexDump(theirs.toByteArray()));
    }

    @Test
    void decodesStrictlyValidUtf8AsStringAndOtherBytesAsLongString() {
        assertThat(readValue('S', 0, 0, 0, 2, 0xC3, 0xA9)).isEqualTo("é");
        assertThat(readValue('S', 0, 0, 0, 2, 0xC3, 0x28)).isEqualTo(new LongString(new byte[] {(byte) 0xC3, 0x28}));
        assertThat(readValue('S', 0, 0, 0, 3, 0xED, 0xA0, 0x80)).as("surrogate").isInstanceOf(LongString.class);
        assertThat(readValue('S', 0, 0, 0, 2, 0xC0, 0x80)).as("overlong").isInstanceOf(LongString.class);
    }

    @Test
    void decodesTypesRabbitMqNeverWritesToTheNextWiderSignedType() {
        assertThat(readValue('B', 0xFF)).isEqualTo((short) 255);
        assertThat(readValue('u', 0xFF, 0xFF)).isEqualTo(65535);
        assertThat(readValue('i', 0xFF, 0xFF, 0xFF, 0xFF)).isEqualTo(4294967295L);
        assertThat(readValue('L', 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE)).isEqualTo(-2L);
        assertThat(readValue('U', 0xFF, 0xFE)).isEqualTo((short) -2);
    }

    @Test
    void reEncodesWidenedTypesUnderTheWiderTag() {
        ByteBuf buf = Unpooled.buffer();

        FieldTableCodec.writeFieldValue(buf, readValue('B', 0xFF));

        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("7300ff"); // 's', 255
    }

    @Test
    void decodesBooleanFromAnyNonZeroOctet() {
        assertThat(readValue('t', 2)).isEqualTo(true);
        assertThat(readValue('t', 0)).isEqualTo(false);
    }

    @Test
    void rejectsUnknownFieldType() {
        assertSyntaxError(() -> readValue('Z', 1), "unknown field type 'Z'");
    }

    @Test
    void rejectsTableLengthPastTheEnd() {
        ByteBuf buf = Unpooled.buffer().writeInt(100).writeByte(1).writeByte('k');

        assertSyntaxError(() -> FieldTableCodec.readTable(buf), "table of 100 bytes, only 2 left");
    }

    @Test
    void rejectsValueRunningPastTheEndOfItsTable() {
        ByteBuf buf = Unpooled.buffer().writeInt(4).writeByte(1).writeByte('k').writeByte('I').writeByte(0);

        assertSyntaxError(() -> FieldTableCodec.readTable(buf), "runs past the end");
    }

    @Test
    void rejectsStringLengthPastTheEndOfItsArray() {
        ByteBuf buf = Unpooled.buffer().writeInt(6).writeByte('S').writeInt(50).writeByte('x');

        assertSyntaxError(() -> FieldTableCodec.readArray(buf), "runs past the end");
    }

    @Test
    void rejectsNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        // 100 000 arrays, each holding the next: a 500 KB frame that would recurse 100 000 deep.
        int depth = 100_000;
        ByteBuf buf = Unpooled.buffer(depth * 5);
        for (int i = 0; i < depth; i++) {
            buf.writeByte('A').writeInt((depth - i - 1) * 5);
        }

        assertSyntaxError(() -> FieldTableCodec.readFieldValue(buf), "nested deeper than 64");
    }

    @Test
    void refusesToWriteValuesOutsideTheModel() {
        assertThatThrownBy(() -> FieldTableCodec.writeFieldValue(Unpooled.buffer(), new Object()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldTableCodec.writeFieldValue(Unpooled.buffer(), new BigDecimal("1e-300")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldTableCodec.writeTable(Unpooled.buffer(), Map.of("k".repeat(256), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesNullTableAsEmptyTable() {
        ByteBuf buf = Unpooled.buffer();

        FieldTableCodec.writeTable(buf, null);

        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("00000000");
    }

    private static Map<String, Object> roundTrip(Map<String, Object> table) {
        ByteBuf buf = Unpooled.buffer();
        FieldTableCodec.writeTable(buf, table);
        return FieldTableCodec.readTable(buf);
    }

    private static Object readValue(int... bytes) {
        ByteBuf buf = Unpooled.buffer();
        for (int b : bytes) {
            buf.writeByte(b);
        }
        Object value = FieldTableCodec.readFieldValue(buf);
        assertThat(buf.isReadable()).isFalse();
        return value;
    }

    private static void assertSyntaxError(Runnable decode, String detail) {
        assertThatThrownBy(decode::run)
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.SYNTAX_ERROR);
                    assertThat(e.closesConnection()).isTrue();
                    assertThat(e.replyText()).startsWith("SYNTAX_ERROR - ").contains(detail);
                });
    }

    /** Like {@code isEqualTo}, but byte arrays by content, at any depth. */
    private static void assertSameValues(Object actual, Object expected) {
        if (expected instanceof byte[] bytes) {
            assertThat(actual).isInstanceOfSatisfying(byte[].class, a -> assertThat(a).isEqualTo(bytes));
        } else if (expected instanceof Map<?, ?> map) {
            assertThat(actual).isInstanceOf(Map.class);
            Map<?, ?> actualMap = (Map<?, ?>) actual;
            assertThat(new ArrayList<Object>(actualMap.keySet())).isEqualTo(new ArrayList<Object>(map.keySet()));
            map.forEach((k, v) -> assertSameValues(actualMap.get(k), v));
        } else if (expected instanceof List<?> list) {
            assertThat(actual).isInstanceOf(List.class);
            List<?> actualList = (List<?>) actual;
            assertThat(actualList).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertSameValues(actualList.get(i), list.get(i));
            }
        } else {
            assertThat(actual).isEqualTo(expected);
            if (expected != null) {
                assertThat(actual).isExactlyInstanceOf(expected.getClass());
            }
        }
    }
}
