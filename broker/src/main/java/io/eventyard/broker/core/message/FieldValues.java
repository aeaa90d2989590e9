package io.eventyard.broker.core.message;

/**
 * The protocol-neutral value model of header tables and queue/exchange arguments. A table is a
 * {@code Map<String, Object>} (insertion-ordered); each value is one of:
 *
 * <table>
 *   <tr><th>Java type</th><th>AMQP field type</th></tr>
 *   <tr><td>{@code null}</td><td>V (void)</td></tr>
 *   <tr><td>{@link Boolean}</td><td>t</td></tr>
 *   <tr><td>{@link Byte}</td><td>b</td></tr>
 *   <tr><td>{@link Short}</td><td>s</td></tr>
 *   <tr><td>{@link Integer}</td><td>I</td></tr>
 *   <tr><td>{@link Long}</td><td>l</td></tr>
 *   <tr><td>{@link Float}</td><td>f</td></tr>
 *   <tr><td>{@link Double}</td><td>d</td></tr>
 *   <tr><td>{@link java.math.BigDecimal}</td><td>D</td></tr>
 *   <tr><td>{@link String}</td><td>S, when its bytes are valid UTF-8</td></tr>
 *   <tr><td>{@link LongString}</td><td>S, when its bytes are not valid UTF-8</td></tr>
 *   <tr><td>{@link java.time.Instant} (whole seconds)</td><td>T</td></tr>
 *   <tr><td>{@code java.util.Map<String, Object>}</td><td>F</td></tr>
 *   <tr><td>{@code java.util.List<Object>}</td><td>A</td></tr>
 *   <tr><td>{@code byte[]}</td><td>x</td></tr>
 * </table>
 *
 * Each AMQP type decodes to a Java type that encodes back to the same type, so tables round-trip
 * byte for byte.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** A value as text, for matching and for the arguments the core reads ({@code x-dead-letter-exchange}...). */
    public static String asString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof LongString l) {
            return l.toString();
        }
        return null;
    }

    /** A whole-number value of any width, or {@code null} when the value is not a whole number. */
    public static Long asLong(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return null;
    }
}
