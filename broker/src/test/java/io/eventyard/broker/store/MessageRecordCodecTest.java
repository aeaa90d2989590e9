package io.eventyard.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventyard.broker.core.message.LongString;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRecordCodecTest {

    @Test
    void roundTripsEveryPropertyAndEveryFieldType() {
        MessageProperties properties = new MessageProperties("application/json", "gzip", everyFieldType(), 2, 9,
                "corr-1", "amq.rabbitmq.reply-to.g1", "60000", "msg-1", 1_700_000_000L, "order.placed", "guest",
                "order-service", "cluster-a");
        Message message = new Message("shop.events", "order.placed.eu", properties,
                "{\"id\":42}".getBytes(StandardCharsets.UTF_8));

        Message decoded = MessageRecordCodec.decode(MessageRecordCodec.encode(message));

        assertSameMessage(decoded, message);
    }

    @Test
    void roundTripsEachPropertyAloneSoAbsentOnesStayAbsent() {
        for (int present = 0; present < 14; present++) {
            Object[] values = {"text/plain", "utf-8", Map.of("k", 1), 1, 0, "c", "r", "0", "m", 0L, "t", "u", "a",
                    "cl"};
            Object[] only = new Object[14];
            only[present] = values[present];
            @SuppressWarnings("unchecked")
            MessageProperties properties = new MessageProperties((String) only[0], (String) only[1],
                    (Map<String, Object>) only[2], (Integer) only[3], (Integer) only[4], (String) only[5],
                    (String) only[6], (String) only[7], (String) only[8], (Long) only[9], (String) only[10],
                    (String) only[11], (String) only[12], (String) only[13]);
            Message message = new Message("", "q", properties, new byte[] {1});

            assertSameMessage(MessageRecordCodec.decode(MessageRecordCodec.encode(message)), message);
        }
    }

    @Test
    void roundTripsAMessageWithoutPropertiesOrBody() {
        Message message = new Message("", "", MessageProperties.EMPTY, new byte[0]);

        Message decoded = MessageRecordCodec.decode(MessageRecordCodec.encode(message));

        assertThat(decoded.properties()).isEqualTo(MessageProperties.EMPTY);
        assertThat(decoded.body()).isEmpty();
        assertThat(decoded.exchange()).isEmpty();
    }

    @Test
    void keepsEmptyHeadersApartFromAbsentHeaders() {
        Message empty = new Message("x", "k", MessageProperties.EMPTY.withHeaders(Map.of()), new byte[0]);

        assertThat(MessageRecordCodec.decode(MessageRecordCodec.encode(empty)).properties().headers())
                .isNotNull().isEmpty();
    }

    @Test
    void roundTripsALargeBinaryBody() {
        byte[] body = new byte[3 * 1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        Message message = new Message("x", "k", null, body);

        assertThat(MessageRecordCodec.decode(MessageRecordCodec.encode(message)).body()).isEqualTo(body);
    }

    @Test
    void refusesAnUnknownFormat() {
        byte[] payload = MessageRecordCodec.encode(new Message("x", "k", null, new byte[] {1}));
        payload[0] = 9;

        assertThatThrownBy(() -> MessageRecordCodec.decode(payload))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 9");
    }

    @Test
    void refusesATruncatedRecord() {
        byte[] payload = MessageRecordCodec.encode(new Message("x", "k", null, new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> MessageRecordCodec.decode(Arrays.copyOf(payload, payload.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBytesAfterTheBody() {
        byte[] payload = MessageRecordCodec.encode(new Message("x", "k", null, new byte[] {1}));

        assertThatThrownBy(() -> MessageRecordCodec.decode(Arrays.copyOf(payload, payload.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the body");
    }

    @Test
    void refusesAHeaderValueOutsideTheFieldValueModel() {
        Message message = new Message("x", "k", MessageProperties.EMPTY.withHeaders(Map.of("when", new Object())),
                new byte[0]);

        assertThatThrownBy(() -> MessageRecordCodec.encode(message)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> everyFieldType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", "value");
        nested.put("void", null);
        List<Object> array = new ArrayList<>();
        array.add(1);
        array.add("two");
        array.add(null);
        array.add(List.of(3L));
        array.add(new byte[] {4});
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("void", null);
        table.put("bool", true);
        table.put("byte", (byte) -5);
        table.put("short", (short) 300);
        table.put("int", 70_000);
        table.put("long", 5_000_000_000L);
        table.put("float", 1.5f);
        table.put("double", -2.25);
        table.put("decimal", new BigDecimal("123.4500"));
        table.put("string", "héllo");
        table.put("longstr", new LongString(new byte[] {(byte) 0xC3, 0x28}));
        table.put("timestamp", Instant.ofEpochSecond(1_700_000_000L));
        table.put("table", nested);
        table.put("array", array);
        table.put("bytes", new byte[] {1, 2, 3});
        return table;
    }

    private static void assertSameMessage(Message actual, Message expected) {
        assertThat(actual.exchange()).isEqualTo(expected.exchange());
        assertThat(actual.routingKey()).isEqualTo(expected.routingKey());
        assertThat(actual.body()).isEqualTo(expected.body());
        assertThat(actual.properties().withHeaders(null)).isEqualTo(expected.properties().withHeaders(null));
        assertSameValue(actual.properties().headers(), expected.properties().headers(), "headers");
    }

    /** Same type and value all the way down, with byte arrays by content and tables in order. */
    private static void assertSameValue(Object actual, Object expected, String path) {
        if (expected == null) {
            assertThat(actual).as(path).isNull();
            return;
        }
        if (expected instanceof Map<?, ?> table) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            Map<?, ?> actualTable = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(actualTable.keySet())).as(path).isEqualTo(new ArrayList<>(table.keySet()));
            table.forEach((key, value) -> assertSameValue(actualTable.get(key), value, path + "." + key));
        } else if (expected instanceof List<?> array) {
            assertThat(actual).as(path).isInstanceOf(List.class);
            List<?> actualArray = (List<?>) actual;
            assertThat(actualArray).as(path).hasSameSizeAs(array);
            for (int i = 0; i < array.size(); i++) {
                assertSameValue(actualArray.get(i), array.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof byte[] bytes) {
            assertThat(actual).as(path).isInstanceOf(byte[].class);
            assertThat((byte[]) actual).as(path).isEqualTo(bytes);
        } else {
            assertThat(actual).as(path).isNotNull();
            assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
