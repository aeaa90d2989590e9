package io.eventyard.broker.store;

import io.eventyard.broker.core.message.LongString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's own typed encoding of argument tables in the FieldValues model (see {@code package-info} for
 * the tags), and value equality of tables through it.
 */
final class ArgumentTable {

    private ArgumentTable() {
    }

    /** An unmodifiable copy keeping order and void ({@code null}) values; refuses values outside the model. */
    static Map<String, Object> copyOf(Map<String, Object> table) {
        if (table == null || table.isEmpty()) {
            return Map.of();
        }
        table.values().forEach(ArgumentTable::checkSupported);
        return Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }

    /** Same keys with values of the same type and value, top-level order aside, as RabbitMQ compares. */
    static boolean equal(Map<String, Object> a, Map<String, Object> b) {
        return a.size() == b.size() && Arrays.equals(canonical(a), canonical(b));
    }

    static int hash(Map<String, Object> table) {
        return table.isEmpty() ? 0 : Arrays.hashCode(canonical(table));
    }

    /** The encoding with the top-level keys sorted, which identifies a table by value. */
    static byte[] canonical(Map<String, Object> table) {
        RecordWriter out = new RecordWriter();
        write(out, new TreeMap<>(table));
        return out.toByteArray();
    }

    static void write(RecordWriter out, Map<?, ?> table) {
        out.i32(table.size());
        for (Map.Entry<?, ?> entry : table.entrySet()) {
            out.string((String) entry.getKey());
            writeValue(out, entry.getValue());
        }
    }

    static Map<String, Object> read(RecordReader in) {
        int count = in.count();
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.string();
            table.put(key, readValue(in));
        }
        return Collections.unmodifiableMap(table);
    }

    private static void writeValue(RecordWriter out, Object value) {
        if (value == null) {
            out.u8('V');
        } else if (value instanceof Boolean b) {
            out.u8('t');
            out.bool(b);
        } else if (value instanceof Byte b) {
            out.u8('b');
            out.u8(b);
        } else if (value instanceof Short s) {
            out.u8('s');
            out.i16(s);
        } else if (value instanceof Integer i) {
            out.u8('I');
            out.i32(i);
        } else if (value instanceof Long l) {
            out.u8('l');
            out.i64(l);
        } else if (value instanceof Float f) {
            out.u8('f');
            out.i32(Float.floatToRawIntBits(f));
        } else if (value instanceof Double d) {
            out.u8('d');
            out.i64(Double.doubleToRawLongBits(d));
        } else if (value instanceof BigDecimal d) {
            out.u8('D');
            out.i32(d.scale());
            out.bytes(d.unscaledValue().toByteArray());
        } else if (value instanceof String s) {
            out.u8('S');
            out.string(s);
        } else if (value instanceof LongString l) {
            out.u8('L');
            out.bytes(l.bytes());
        } else if (value instanceof Instant t) {
            out.u8('T');
            out.i64(t.getEpochSecond());
            out.i32(t.getNano());
        } else if (value instanceof Map<?, ?> table) {
            out.u8('F');
            write(out, table);
        } else if (value instanceof List<?> array) {
            out.u8('A');
            out.i32(array.size());
            for (Object element : array) {
                writeValue(out, element);
            }
        } else if (value instanceof byte[] bytes) {
            out.u8('x');
            out.bytes(bytes);
        } else {
            throw unsupported(value);
        }
    }

    private static Object readValue(RecordReader in) {
        int tag = in.u8();
        switch (tag) {
            case 'V':
                return null;
            case 't':
                return in.bool();
            case 'b':
                return (byte) in.u8();
            case 's':
                return in.i16();
            case 'I':
                return in.i32();
            case 'l':
                return in.i64();
            case 'f':
                return Float.intBitsToFloat(in.i32());
            case 'd':
                return Double.longBitsToDouble(in.i64());
            case 'D': {
                int scale = in.i32();
                byte[] unscaled = in.bytes();
                if (unscaled.length == 0) {
                    throw new MalformedRecordException("decimal without digits");
                }
                return new BigDecimal(new BigInteger(unscaled), scale);
            }
            case 'S':
                return in.string();
            case 'L':
                return new LongString(in.bytes());
            case 'T': {
                long seconds = in.i64();
                int nanos = in.i32();
                try {
                    return Instant.ofEpochSecond(seconds, nanos);
                } catch (RuntimeException e) {
                    throw new MalformedRecordException("timestamp out of range");
                }
            }
            case 'F':
                return read(in);
            case 'A': {
                int count = in.count();
                List<Object> array = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    array.add(readValue(in));
                }
                return Collections.unmodifiableList(array);
            }
            case 'x':
                return in.bytes();
            default:
                throw new MalformedRecordException("unknown field value tag " + tag);
        }
    }

    private static void checkSupported(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof BigDecimal || value instanceof String
                || value instanceof LongString || value instanceof Instant || value instanceof byte[]) {
            return;
        }
        if (value instanceof Map<?, ?> table) {
            for (Map.Entry<?, ?> entry : table.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw unsupported(entry.getKey());
                }
                checkSupported(entry.getValue());
            }
            return;
        }
        if (value instanceof List<?> array) {
            array.forEach(ArgumentTable::checkSupported);
            return;
        }
        throw unsupported(value);
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("not a FieldValues value: " + value.getClass().getName());
    }
}
