package io.eventyard.broker.core.exchange;

import io.eventyard.broker.core.message.LongString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two ways RabbitMQ compares field values, on values of the FieldValues model. RabbitMQ decodes a field to
 * an Erlang (type, value) pair: binding identity compares both exactly, while the headers exchange compares
 * only the top-level values with Erlang's arithmetic {@code ==}, so there {@code 1} (int) equals {@code 1L} and
 * {@code 1.0}, a timestamp equals its epoch seconds, and a string equals a byte array of the same bytes.
 * Nested tables and arrays keep their types and order either way.
 */
final class FieldValueEquality {

    private FieldValueEquality() {
    }

    /** Binding-argument identity: same keys, each value of the same field type and value; key order ignored. */
    static boolean tablesIdentical(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !identical(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #tablesIdentical}. */
    static int tableHash(Map<String, Object> table) {
        int hash = 0;
        for (Map.Entry<String, Object> entry : table.entrySet()) {
            hash += entry.getKey().hashCode() ^ hash(entry.getValue());
        }
        return hash;
    }

    /** Erlang's {@code ==} on the decoded values of two header fields, as the headers exchange matches them. */
    static boolean headerValuesEqual(Object pattern, Object data) {
        if (isErlangNumber(pattern) && isErlangNumber(data)) {
            return numericallyEqual(pattern, data);
        }
        byte[] patternBytes = binary(pattern);
        if (patternBytes != null) {
            byte[] dataBytes = binary(data);
            return dataBytes != null && Arrays.equals(patternBytes, dataBytes);
        }
        return identical(pattern, data);
    }

    /** The same field type and the same value; nested tables and arrays in order. */
    static boolean identical(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (isLongstr(a) || isLongstr(b)) {
            return isLongstr(a) && isLongstr(b) && Arrays.equals(binary(a), binary(b));
        }
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        if (a instanceof Map<?, ?> x) {
            return b instanceof Map<?, ?> y && orderedTablesIdentical(x, y);
        }
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!identical(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        // Same class and equal: Integer 1 and Long 1 are different field types; BigDecimal compares scale too,
        // as RabbitMQ's {Scale, Unscaled} pair does.
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static boolean orderedTablesIdentical(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<?, ?>> x = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> y = b.entrySet().iterator();
        while (x.hasNext()) {
            Map.Entry<?, ?> ex = x.next();
            Map.Entry<?, ?> ey = y.next();
            if (!Objects.equals(ex.getKey(), ey.getKey()) || !identical(ex.getValue(), ey.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static int hash(Object value) {
        if (value == null) {
            return 0;
        }
        if (isLongstr(value)) {
            return Arrays.hashCode(binary(value));
        }
        if (value instanceof byte[] bytes) {
            return 31 * Arrays.hashCode(bytes) + 1;
        }
        if (value instanceof Map<?, ?> table) {
            int hash = 1;
            for (Map.Entry<?, ?> entry : table.entrySet()) {
                hash = 31 * hash + (Objects.hashCode(entry.getKey()) ^ hash(entry.getValue()));
            }
            return hash;
        }
        if (value instanceof List<?> array) {
            int hash = 1;
            for (Object element : array) {
                hash = 31 * hash + hash(element);
            }
            return hash;
        }
        return value.hashCode();
    }

    private static boolean isLongstr(Object value) {
        return value instanceof String || value instanceof LongString;
    }

    /** The bytes of a value RabbitMQ holds as an Erlang binary (long string or byte array), else null. */
    private static byte[] binary(Object value) {
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof LongString l) {
            return l.bytes();
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return null;
    }

    /** Integers, floats and timestamps (epoch seconds) all decode to Erlang numbers; decimals do not. */
    private static boolean isErlangNumber(Object value) {
        return value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double || value instanceof Instant;
    }

    private static boolean numericallyEqual(Object a, Object b) {
        if (isIntegral(a) && isIntegral(b)) {
            return integral(a) == integral(b);
        }
        BigDecimal x = exact(a);
        BigDecimal y = exact(b);
        if (x == null || y == null) {
            // A NaN or an infinity, which Erlang cannot even decode; equal only to itself.
            return x == null && y == null && toDouble(a) == toDouble(b);
        }
        return x.compareTo(y) == 0;
    }

    private static boolean isIntegral(Object value) {
        return !(value instanceof Float || value instanceof Double);
    }

    private static long integral(Object value) {
        return value instanceof Instant instant ? instant.getEpochSecond() : ((Number) value).longValue();
    }

    private static double toDouble(Object value) {
        return ((Number) value).doubleValue();
    }

    private static BigDecimal exact(Object value) {
        if (isIntegral(value)) {
            return BigDecimal.valueOf(integral(value));
        }
        // A float widens to double exactly, as RabbitMQ's decoder widens it.
        double d = toDouble(value);
        return Double.isFinite(d) ? new BigDecimal(d) : null;
    }
}
