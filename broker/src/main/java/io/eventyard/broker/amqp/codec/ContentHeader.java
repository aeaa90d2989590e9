package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * The payload of a content header frame (spec 4.2.6.1): class-id, weight (always 0 in 0-9-1), body-size, and the
 * properties of class {@code basic}, each present exactly when its flag is set. A {@code null} property clears its
 * flag, so properties round-trip exactly.
 *
 * <pre>
 * class-id short | weight short | body-size longlong | property-flags short... | property values in flag order
 * </pre>
 *
 * Flag bits, from bit 15 down: content-type, content-encoding, headers, delivery-mode, priority, correlation-id,
 * reply-to, expiration, message-id, timestamp, type, user-id, app-id, cluster-id. Bit 0 of a flags word says
 * another flags word follows; basic defines no property beyond the fourteenth, so such a word must be zero.
 *
 * @param bodySize unsigned 64-bit, as on the wire
 */
public record ContentHeader(int classId, int weight, long bodySize, MessageProperties properties) {

    private static final int CONTINUATION = 1;

    public ContentHeader {
        properties = properties == null ? MessageProperties.EMPTY : properties;
    }

    /** Reads a whole content header payload; malformed properties are a connection error 502 SYNTAX_ERROR. */
    public static ContentHeader read(ByteBuf payload) {
        int classId = payload.readUnsignedShort();
        int weight = payload.readUnsignedShort();
        long bodySize = payload.readLong();
        return new ContentHeader(classId, weight, bodySize, readProperties(payload));
    }

    /** Writes the whole content header payload. */
    public void write(ByteBuf out) {
        out.writeShort(classId);
        out.writeShort(weight);
        out.writeLong(bodySize);
        writeProperties(out, properties);
    }

    /** Reads property flags and values up to the end of the buffer. */
    public static MessageProperties readProperties(ByteBuf in) {
        try {
            int flags = in.readUnsignedShort();
            int more = flags;
            while ((more & CONTINUATION) != 0) {
                more = in.readUnsignedShort();
                if ((more & ~CONTINUATION) != 0) {
                    throw malformed("property flags beyond the 14 basic properties");
                }
            }
            String contentType = (flags & 0x8000) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String contentEncoding = (flags & 0x4000) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            Map<String, Object> headers = (flags & 0x2000) != 0 ? FieldTableCodec.readTable(in) : null;
            Integer deliveryMode = (flags & 0x1000) != 0 ? Integer.valueOf(in.readUnsignedByte()) : null;
            Integer priority = (flags & 0x0800) != 0 ? Integer.valueOf(in.readUnsignedByte()) : null;
            String correlationId = (flags & 0x0400) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String replyTo = (flags & 0x0200) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String expiration = (flags & 0x0100) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String messageId = (flags & 0x0080) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            Long timestamp = (flags & 0x0040) != 0 ? Long.valueOf(in.readLong()) : null;
            String type = (flags & 0x0020) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String userId = (flags & 0x0010) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String appId = (flags & 0x0008) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            String clusterId = (flags & 0x0004) != 0 ? PrimitiveCodec.readShortstrLenient(in) : null;
            if (in.isReadable()) {
                throw malformed(in.readableBytes() + " bytes after the last content header property");
            }
            if ((flags & 0xFFFC) == 0) {
                return MessageProperties.EMPTY;
            }
            return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                    replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
        } catch (IndexOutOfBoundsException e) {
            throw malformed("content header properties run past the end of the frame");
        }
    }

    /** Writes property flags and the values of the properties that are not {@code null}. */
    public static void writeProperties(ByteBuf out, MessageProperties p) {
        int flagsIndex = out.writerIndex();
        out.writeShort(0);
        int flags = 0;
        if (p.contentType() != null) {
            flags |= 0x8000;
            PrimitiveCodec.writeShortstr(out, p.contentType());
        }
        if (p.contentEncoding() != null) {
            flags |= 0x4000;
            PrimitiveCodec.writeShortstr(out, p.contentEncoding());
        }
        if (p.headers() != null) {
            flags |= 0x2000;
            FieldTableCodec.writeTable(out, p.headers());
        }
        if (p.deliveryMode() != null) {
            flags |= 0x1000;
            out.writeByte(p.deliveryMode());
        }
        if (p.priority() != null) {
            flags |= 0x0800;
            out.writeByte(p.priority());
        }
        if (p.correlationId() != null) {
            flags |= 0x0400;
            PrimitiveCodec.writeShortstr(out, p.correlationId());
        }
        if (p.replyTo() != null) {
            flags |= 0x0200;
            PrimitiveCodec.writeShortstr(out, p.replyTo());
        }
        if (p.expiration() != null) {
            flags |= 0x0100;
            PrimitiveCodec.writeShortstr(out, p.expiration());
        }
        if (p.messageId() != null) {
            flags |= 0x0080;
            PrimitiveCodec.writeShortstr(out, p.messageId());
        }
        if (p.timestamp() != null) {
            flags |= 0x0040;
            out.writeLong(p.timestamp());
        }
        if (p.type() != null) {
            flags |= 0x0020;
            PrimitiveCodec.writeShortstr(out, p.type());
        }
        if (p.userId() != null) {
            flags |= 0x0010;
            PrimitiveCodec.writeShortstr(out, p.userId());
        }
        if (p.appId() != null) {
            flags |= 0x0008;
            PrimitiveCodec.writeShortstr(out, p.appId());
        }
        if (p.clusterId() != null) {
            flags |= 0x0004;
            PrimitiveCodec.writeShortstr(out, p.clusterId());
        }
        out.setShort(flagsIndex, flags);
    }

    private static AmqpException malformed(String detail) {
        return AmqpException.connectionError(ReplyCode.SYNTAX_ERROR, detail, 0, 0);
    }
}
