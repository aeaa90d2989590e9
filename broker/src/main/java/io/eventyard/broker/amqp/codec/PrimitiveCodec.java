package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Reads and writes the string types of spec 4.2.5.3: shortstr (length octet, at most 255 bytes) and longstr (length
 * long, unsigned). Integers are the buffer's own big-endian reads (spec 4.2.5.1).
 *
 * <p>A length that runs past the end of the buffer throws {@link IndexOutOfBoundsException} before anything is
 * allocated; the caller maps it onto the protocol error of its context.
 */
final class PrimitiveCodec {

    static final int SHORTSTR_MAX_BYTES = 255;

    private static final byte[] EMPTY_BYTES = new byte[0];

    private PrimitiveCodec() {
    }

    /**
     * A shortstr that must be valid UTF-8, as RabbitMQ asserts for the shortstr arguments of every method that
     * carries no content.
     */
    static String readShortstr(ByteBuf in) {
        int length = in.readUnsignedByte();
        checkReadable(in, length);
        int index = in.readerIndex();
        if (!isValidUtf8(in, index, length)) {
            throw AmqpException.connectionError(ReplyCode.FRAME_ERROR, "Malformed UTF-8 in shortstr", 0, 0);
        }
        in.skipBytes(length);
        return length == 0 ? "" : in.toString(index, length, StandardCharsets.UTF_8);
    }

    /**
     * A shortstr decoded without validation, malformed sequences becoming U+FFFD: RabbitMQ skips the check on
     * content-carrying methods for speed, so it accepts what this must accept.
     */
    static String readShortstrLenient(ByteBuf in) {
        int length = in.readUnsignedByte();
        checkReadable(in, length);
        int index = in.readerIndex();
        in.skipBytes(length);
        return length == 0 ? "" : in.toString(index, length, StandardCharsets.UTF_8);
    }

    static void skipShortstr(ByteBuf in) {
        in.skipBytes(in.readUnsignedByte());
    }

    /** A longstr that holds text (e.g. the mechanism list of {@code connection.start}). */
    static String readLongstrText(ByteBuf in) {
        int length = readLongstrLength(in);
        int index = in.readerIndex();
        in.skipBytes(length);
        return length == 0 ? "" : in.toString(index, length, StandardCharsets.UTF_8);
    }

    static byte[] readLongstrBytes(ByteBuf in) {
        int length = readLongstrLength(in);
        if (length == 0) {
            return EMPTY_BYTES;
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    static void skipLongstr(ByteBuf in) {
        in.skipBytes(readLongstrLength(in));
    }

    /** The length of a longstr, checked against what the buffer holds before anyone allocates for it. */
    static int readLongstrLength(ByteBuf in) {
        long length = in.readUnsignedInt();
        checkReadable(in, length);
        return (int) length;
    }

    /** {@code null} writes the empty string. */
    static void writeShortstr(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeByte(0);
        if (value == null || value.isEmpty()) {
            return;
        }
        int length = ByteBufUtil.reserveAndWriteUtf8(out, value, value.length() * 3);
        if (length > SHORTSTR_MAX_BYTES) {
            out.writerIndex(lengthIndex);
            throw new IllegalArgumentException("shortstr longer than 255 bytes (" + length + " bytes in UTF-8): "
                    + value.substring(0, Math.min(value.length(), 40)) + "...");
        }
        out.setByte(lengthIndex, length);
    }

    /** {@code null} writes the empty string. */
    static void writeLongstr(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (value == null || value.isEmpty()) {
            return;
        }
        int length = ByteBufUtil.reserveAndWriteUtf8(out, value, ByteBufUtil.utf8MaxBytes(value));
        out.setInt(lengthIndex, length);
    }

    /** {@code null} writes the empty string. */
    static void writeLongstr(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    /**
     * Whether the bytes are well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF,
     * no truncated sequence.
     */
    static boolean isValidUtf8(ByteBuf buf, int index, int length) {
        int end = index + length;
        int i = index;
        while (i < end) {
            int b = buf.getByte(i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int min2nd = 0x80;
            int max2nd = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                continuation = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuation = 2;
                if (b == 0xE0) {
                    min2nd = 0xA0; // overlong
                } else if (b == 0xED) {
                    max2nd = 0x9F; // surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuation = 3;
                if (b == 0xF0) {
                    min2nd = 0x90; // overlong
                } else if (b == 0xF4) {
                    max2nd = 0x8F; // above U+10FFFF
                }
            } else {
                return false;
            }
            if (i + continuation >= end) {
                return false; // truncated sequence
            }
            int second = buf.getByte(i + 1) & 0xFF;
            if (second < min2nd || second > max2nd) {
                return false;
            }
            for (int k = 2; k <= continuation; k++) {
                if ((buf.getByte(i + k) & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += continuation + 1;
        }
        return true;
    }

    private static void checkReadable(ByteBuf in, long length) {
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("string of " + length + " bytes, only " + in.readableBytes()
                    + " left");
        }
    }
}
