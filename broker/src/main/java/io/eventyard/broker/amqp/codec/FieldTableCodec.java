package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.core.message.LongString;
import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field tables, arrays and field values (spec 4.2.5.5) with the type tags of RabbitMQ's errata, in the value model
 * of {@link io.eventyard.broker.core.message.FieldValues}:
 *
 * <table>
 *   <tr><th>tag</th><th>wire</th><th>Java</th></tr>
 *   <tr><td>t</td><td>octet, non-zero is true</td><td>Boolean</td></tr>
 *   <tr><td>b</td><td>signed 8</td><td>Byte</td></tr>
 *   <tr><td>s</td><td>signed 16</td><td>Short</td></tr>
 *   <tr><td>I</td><td>signed 32</td><td>Integer</td></tr>
 *   <tr><td>l</td><td>signed 64</td><td>Long</td></tr>
 *   <tr><td>f / d</td><td>IEEE 754 32 / 64</td><td>Float / Double</td></tr>
 *   <tr><td>D</td><td>scale octet, signed 32 unscaled value</td><td>BigDecimal</td></tr>
 *   <tr><td>S</td><td>longstr</td><td>String if strictly valid UTF-8, else LongString</td></tr>
 *   <tr><td>A</td><td>long length, then tagged values</td><td>List (unmodifiable)</td></tr>
 *   <tr><td>T</td><td>64-bit seconds</td><td>Instant</td></tr>
 *   <tr><td>F</td><td>nested table</td><td>Map (unmodifiable, insertion-ordered)</td></tr>
 *   <tr><td>V</td><td>nothing</td><td>null</td></tr>
 *   <tr><td>x</td><td>long length, then bytes</td><td>byte[]</td></tr>
 * </table>
 *
 * <p>Other clients may send tags RabbitMQ reads but never writes; they decode to the next wider signed type and
 * therefore re-encode under that type's tag: {@code B} (unsigned 8) as Short/{@code s}, {@code u} (unsigned 16) as
 * Integer/{@code I}, {@code i} (unsigned 32) as Long/{@code l}, {@code L} (64, signed as in RabbitMQ) as
 * Long/{@code l}, and {@code U} (the spec's signed 16) as Short/{@code s}.
 *
 * <p>Malformed input (an unknown tag, a length past the end, nesting deeper than {@value #MAX_DEPTH}) is a
 * connection error 502 SYNTAX_ERROR. A repeated key keeps its last value. A value outside the model cannot be
 * written: {@link IllegalArgumentException}.
 */
public final class FieldTableCodec {

    /** Bounds the recursion, so that a frame of nested empty arrays cannot overflow the event loop's stack. */
    static final int MAX_DEPTH = 64;

    private FieldTableCodec() {
    }

    /** A table with its length prefix, from the reader index on. */
    public static Map<String, Object> readTable(ByteBuf in) {
        return readTable(in, 0);
    }

    /** An array with its length prefix, from the reader index on. */
    public static List<Object> readArray(ByteBuf in) {
        return readArray(in, 0);
    }

    /** One value: its type tag, then the value. */
    public static Object readFieldValue(ByteBuf in) {
        return readFieldValue(in, 0);
    }

    /** Writes a table with its length prefix; {@code null} writes the empty table. */
    public static void writeTable(ByteBuf out, Map<String, ?> table) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table == null || table.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ?> entry : table.entrySet()) {
            PrimitiveCodec.writeShortstr(out, entry.getKey());
            writeFieldValue(out, entry.getValue());
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Writes an array with its length prefix; {@code null} writes the empty array. */
    public static void writeArray(ByteBuf out, List<?> array) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (array == null || array.isEmpty()) {
            return;
        }
        for (Object value : array) {
            writeFieldValue(out, value);
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Writes one value with its type tag. */
    public static void writeFieldValue(ByteBuf out, Object value) {
        if (value instanceof String s) {
            out.writeByte('S');
            PrimitiveCodec.writeLongstr(out, s);
        } else if (value instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (value instanceof Boolean b) {
            out.writeByte('t');
            out.writeByte(b ? 1 : 0);
        } else if (value instanceof Long l) {
            out.writeByte('l');
            out.writeLong(l);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte('F');
            writeTable(out, checkedKeys(map));
        } else if (value instanceof List<?> list) {
            out.writeByte('A');
            writeArray(out, list);
        } else if (value == null) {
            out.writeByte('V');
        } else if (value instanceof LongString l) {
            out.writeByte('S');
            PrimitiveCodec.writeLongstr(out, l.bytes());
        } else if (value instanceof byte[] bytes) {
            out.writeByte('x');
            PrimitiveCodec.writeLongstr(out, bytes);
        } else if (value instanceof Byte b) {
            out.writeByte('b');
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte('s');
            out.writeShort(s);
        } else if (value instanceof Float f) {
            out.writeByte('f');
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte('d');
            out.writeDouble(d);
        } else if (value instanceof BigDecimal decimal) {
            writeDecimal(out, decimal);
        } else if (value instanceof Instant instant) {
            out.writeByte('T');
            out.writeLong(instant.getEpochSecond());
        } else {
            throw new IllegalArgumentException("no AMQP field type for " + value.getClass().getName());
        }
    }

    private static void writeDecimal(ByteBuf out, BigDecimal decimal) {
        // Spec 4.2.5.5: a decimal is a scale octet and a 32-bit unscaled value.
        if (decimal.scale() < 0 || decimal.scale() > 255) {
            throw new IllegalArgumentException("decimal scale out of 0..255: " + decimal);
        }
        BigInteger unscaled = decimal.unscaledValue();
        if (unscaled.bitLength() > 31) {
            throw new IllegalArgumentException("decimal unscaled value does not fit in 32 bits: " + decimal);
        }
        out.writeByte('D');
        out.writeByte(decimal.scale());
        out.writeInt(unscaled.intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> checkedKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("field table keys must be strings, got " + key);
            }
        }
        return (Map<String, ?>) map;
    }

    private static Map<String, Object> readTable(ByteBuf in, int depth) {
        ByteBuf table = readLengthPrefixed(in, "table");
        if (!table.isReadable()) {
            return Collections.emptyMap();
        }
        checkDepth(depth);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            while (table.isReadable()) {
                String key = PrimitiveCodec.readShortstrLenient(table);
                result.put(key, readFieldValue(table, depth + 1));
            }
        } catch (IndexOutOfBoundsException e) {
            throw malformed("field table entry runs past the end of its table");
        }
        return Collections.unmodifiableMap(result);
    }

    private static List<Object> readArray(ByteBuf in, int depth) {
        ByteBuf array = readLengthPrefixed(in, "array");
        if (!array.isReadable()) {
            return Collections.emptyList();
        }
        checkDepth(depth);
        List<Object> result = new ArrayList<>();
        try {
            while (array.isReadable()) {
                result.add(readFieldValue(array, depth + 1));
            }
        } catch (IndexOutOfBoundsException e) {
            throw malformed("field array value runs past the end of its array");
        }
        return Collections.unmodifiableList(result);
    }

    private static Object readFieldValue(ByteBuf in, int depth) {
        try {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 'S':
                    return readLongString(in);
                case 'I':
                    return in.readInt();
                case 't':
                    return in.readUnsignedByte() != 0;
                case 'l':
                case 'L':
                    return in.readLong();
                case 'F':
                    return readTable(in, depth);
                case 'A':
                    return readArray(in, depth);
                case 'V':
                    return null;
                case 'T':
                    return Instant.ofEpochSecond(in.readLong());
                case 'b':
                    return in.readByte();
                case 's':
                case 'U':
                    return in.readShort();
                case 'B':
                    return (short) in.readUnsignedByte();
                case 'u':
                    return in.readUnsignedShort();
                case 'i':
                    return in.readUnsignedInt();
                case 'f':
                    return in.readFloat();
                case 'd':
                    return in.readDouble();
                case 'D':
                    int scale = in.readUnsignedByte();
                    return BigDecimal.valueOf(in.readInt(), scale);
                case 'x':
                    return PrimitiveCodec.readLongstrBytes(in);
                default:
                    throw malformed("unknown field type '" + printable(tag) + "'");
            }
        } catch (IndexOutOfBoundsException e) {
            throw malformed("field value runs past the end of its container");
        }
    }

    private static Object readLongString(ByteBuf in) {
        int length = PrimitiveCodec.readLongstrLength(in);
        int index = in.readerIndex();
        in.skipBytes(length);
        if (PrimitiveCodec.isValidUtf8(in, index, length)) {
            return in.toString(index, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        in.getBytes(index, bytes);
        return new LongString(bytes);
    }

    private static ByteBuf readLengthPrefixed(ByteBuf in, String what) {
        if (in.readableBytes() < 4) {
            throw malformed(what + " length runs past the end");
        }
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw malformed(what + " of " + length + " bytes, only " + in.readableBytes() + " left");
        }
        return in.readSlice((int) length);
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw malformed("field tables and arrays nested deeper than " + MAX_DEPTH);
        }
    }

    private static String printable(int tag) {
        return tag >= 0x20 && tag < 0x7F ? String.valueOf((char) tag) : "\\x" + Integer.toHexString(tag);
    }

    private static AmqpException malformed(String detail) {
        return AmqpException.connectionError(ReplyCode.SYNTAX_ERROR, detail, 0, 0);
    }
}
