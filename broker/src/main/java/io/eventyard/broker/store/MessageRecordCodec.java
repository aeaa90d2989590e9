package io.eventyard.broker.store;

import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A {@link Message} to and from a {@link QueueLog} record payload, exactly: every property keeps whether it was
 * present, header tables keep their order and value types. The layout is the table in {@code package-info}.
 */
public final class MessageRecordCodec {

    static final int FORMAT = 1;

    private static final int CONTENT_TYPE = 1 << 13;
    private static final int CONTENT_ENCODING = 1 << 12;
    private static final int HEADERS = 1 << 11;
    private static final int DELIVERY_MODE = 1 << 10;
    private static final int PRIORITY = 1 << 9;
    private static final int CORRELATION_ID = 1 << 8;
    private static final int REPLY_TO = 1 << 7;
    private static final int EXPIRATION = 1 << 6;
    private static final int MESSAGE_ID = 1 << 5;
    private static final int TIMESTAMP = 1 << 4;
    private static final int TYPE = 1 << 3;
    private static final int USER_ID = 1 << 2;
    private static final int APP_ID = 1 << 1;
    private static final int CLUSTER_ID = 1;

    private MessageRecordCodec() {
    }

    /**
     * @throws IllegalArgumentException when a header value is outside the FieldValues model
     */
    public static byte[] encode(Message message) {
        return encode(message, 0);
    }

    /**
     * The record with {@code reservedBytes} left free at its start, for a caller's own prefix (one copy of the
     * body rather than two); {@link #decode(byte[], int)} skips them.
     */
    public static byte[] encode(Message message, int reservedBytes) {
        RecordWriter out = new RecordWriter();
        out.u8(FORMAT);
        out.string(message.exchange());
        out.string(message.routingKey());
        writeProperties(out, message.properties());
        byte[] body = message.body();
        byte[] head = out.toByteArray();
        // the body is copied once, not through the writer's buffer
        ByteBuffer payload = ByteBuffer.allocate(reservedBytes + head.length + 4 + body.length);
        payload.position(reservedBytes);
        payload.put(head).putInt(body.length).put(body);
        return payload.array();
    }

    /**
     * @throws IllegalArgumentException when {@code payload} is not a message record of a known format
     */
    public static Message decode(byte[] payload) {
        return decode(payload, 0);
    }

    /** Decodes a record that starts {@code offset} bytes into {@code payload}. */
    public static Message decode(byte[] payload, int offset) {
        try {
            RecordReader in = new RecordReader(ByteBuffer.wrap(payload, offset, payload.length - offset).slice());
            int format = in.u8();
            if (format != FORMAT) {
                throw new MalformedRecordException("unknown message record format " + format);
            }
            String exchange = in.string();
            String routingKey = in.string();
            MessageProperties properties = readProperties(in);
            byte[] body = in.bytes();
            if (in.hasRemaining()) {
                throw new MalformedRecordException("bytes left after the body");
            }
            return new Message(exchange, routingKey, properties, body);
        } catch (MalformedRecordException e) {
            throw new IllegalArgumentException("not a message record: " + e.getMessage(), e);
        }
    }

    private static void writeProperties(RecordWriter out, MessageProperties p) {
        int flags = flag(p.contentType(), CONTENT_TYPE) | flag(p.contentEncoding(), CONTENT_ENCODING)
                | flag(p.headers(), HEADERS) | flag(p.deliveryMode(), DELIVERY_MODE) | flag(p.priority(), PRIORITY)
                | flag(p.correlationId(), CORRELATION_ID) | flag(p.replyTo(), REPLY_TO)
                | flag(p.expiration(), EXPIRATION) | flag(p.messageId(), MESSAGE_ID) | flag(p.timestamp(), TIMESTAMP)
                | flag(p.type(), TYPE) | flag(p.userId(), USER_ID) | flag(p.appId(), APP_ID)
                | flag(p.clusterId(), CLUSTER_ID);
        out.i16(flags);
        optionalString(out, p.contentType());
        optionalString(out, p.contentEncoding());
        if (p.headers() != null) {
            ArgumentTable.write(out, p.headers());
        }
        if (p.deliveryMode() != null) {
            out.i32(p.deliveryMode());
        }
        if (p.priority() != null) {
            out.i32(p.priority());
        }
        optionalString(out, p.correlationId());
        optionalString(out, p.replyTo());
        optionalString(out, p.expiration());
        optionalString(out, p.messageId());
        if (p.timestamp() != null) {
            out.i64(p.timestamp());
        }
        optionalString(out, p.type());
        optionalString(out, p.userId());
        optionalString(out, p.appId());
        optionalString(out, p.clusterId());
    }

    private static MessageProperties readProperties(RecordReader in) {
        int flags = in.i16() & 0xFFFF;
        if ((flags & ~0x3FFF) != 0) {
            throw new MalformedRecordException("unknown property flags " + Integer.toHexString(flags));
        }
        if (flags == 0) {
            return MessageProperties.EMPTY;
        }
        String contentType = optionalString(in, flags, CONTENT_TYPE);
        String contentEncoding = optionalString(in, flags, CONTENT_ENCODING);
        Map<String, Object> headers = (flags & HEADERS) != 0 ? ArgumentTable.read(in) : null;
        Integer deliveryMode = (flags & DELIVERY_MODE) != 0 ? in.i32() : null;
        Integer priority = (flags & PRIORITY) != 0 ? in.i32() : null;
        String correlationId = optionalString(in, flags, CORRELATION_ID);
        String replyTo = optionalString(in, flags, REPLY_TO);
        String expiration = optionalString(in, flags, EXPIRATION);
        String messageId = optionalString(in, flags, MESSAGE_ID);
        Long timestamp = (flags & TIMESTAMP) != 0 ? in.i64() : null;
        String type = optionalString(in, flags, TYPE);
        String userId = optionalString(in, flags, USER_ID);
        String appId = optionalString(in, flags, APP_ID);
        String clusterId = optionalString(in, flags, CLUSTER_ID);
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    private static int flag(Object property, int flag) {
        return property != null ? flag : 0;
    }

    private static void optionalString(RecordWriter out, String value) {
        if (value != null) {
            out.string(value);
        }
    }

    private static String optionalString(RecordReader in, int flags, int flag) {
        return (flags & flag) != 0 ? in.string() : null;
    }
}
