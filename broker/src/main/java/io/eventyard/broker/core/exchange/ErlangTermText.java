package io.eventyard.broker.core.exchange;

import io.eventyard.broker.core.message.LongString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Field values written the way RabbitMQ's error texts show them (Erlang's {@code ~tp} of the decoded field),
 * so that a client sees the same reply text from us as from RabbitMQ: {@code <<"foo">>}, {@code {3,12345}},
 * {@code [{<<"k">>,longstr,<<"v">>}]}. Erlang's line wrapping of long terms is not reproduced.
 */
final class ErlangTermText {

    private ErlangTermText() {
    }

    /** The type RabbitMQ's decoder gives the field: {@code longstr}, {@code signedint}, {@code table}... */
    static String typeName(Object value) {
        if (value == null) {
            return "void";
        }
        if (value instanceof String || value instanceof LongString) {
            return "longstr";
        }
        if (value instanceof byte[]) {
            return "binary";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Byte) {
            return "byte";
        }
        if (value instanceof Short) {
            return "short";
        }
        if (value instanceof Integer) {
            return "signedint";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Float) {
            return "float";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Instant) {
            return "timestamp";
        }
        if (value instanceof Map) {
            return "table";
        }
        if (value instanceof List) {
            return "array";
        }
        throw new IllegalArgumentException("not a field value: " + value.getClass().getName());
    }

    /**
     * The decoded value as Erlang prints it. Erlang writes a binary's bytes as Latin-1 characters and RabbitMQ
     * turns them back into bytes one to one, so the reply text carries the original bytes: read here as UTF-8.
     */
    static String format(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value);
        return new String(text.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("undefined");
        } else if (value instanceof String s) {
            appendBinary(text, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof LongString l) {
            appendBinary(text, l.bytes());
        } else if (value instanceof byte[] bytes) {
            appendBinary(text, bytes);
        } else if (value instanceof Float f) {
            text.append(erlangFloat(f.doubleValue()));
        } else if (value instanceof Double d) {
            text.append(erlangFloat(d));
        } else if (value instanceof BigDecimal d) {
            text.append('{').append(d.scale()).append(',').append(d.unscaledValue()).append('}');
        } else if (value instanceof Instant instant) {
            text.append(instant.getEpochSecond());
        } else if (value instanceof Map<?, ?> table) {
            text.append('[');
            boolean first = true;
            for (Map.Entry<?, ?> entry : table.entrySet()) {
                text.append(first ? "{" : ",{");
                first = false;
                appendBinary(text, String.valueOf(entry.getKey()).getBytes(StandardCharsets.UTF_8));
                text.append(',').append(typeName(entry.getValue())).append(',');
                append(text, entry.getValue());
                text.append('}');
            }
            text.append(']');
        } else if (value instanceof List<?> array) {
            text.append('[');
            boolean first = true;
            for (Object element : array) {
                text.append(first ? "{" : ",{");
                first = false;
                text.append(typeName(element)).append(',');
                append(text, element);
                text.append('}');
            }
            text.append(']');
        } else {
            // Boolean, Byte, Short, Integer, Long print as Erlang prints atoms and integers.
            text.append(value);
        }
    }

    /**
     * A binary as {@code <<"text">>} when every byte is printable in Erlang's default (Latin-1) printable range,
     * else as {@code <<1,2,3>>}: UTF-8 text comes through as text as long as none of its bytes falls in the C1
     * range 128-159 ({@code €} does).
     */
    private static void appendBinary(StringBuilder text, byte[] bytes) {
        if (isPrintable(bytes)) {
            text.append("<<\"");
            for (byte b : bytes) {
                int c = b & 0xFF;
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    case 0x0B -> text.append("\\v");
                    case '\b' -> text.append("\\b");
                    case '\f' -> text.append("\\f");
                    case 0x1B -> text.append("\\e");
                    default -> text.append((char) c);
                }
            }
            text.append("\">>");
        } else {
            text.append("<<");
            for (int i = 0; i < bytes.length; i++) {
                text.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
            }
            text.append(">>");
        }
    }

    private static boolean isPrintable(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        for (byte b : bytes) {
            int c = b & 0xFF;
            boolean printable = (c >= 0x20 && c <= 0x7E) || c >= 0xA0
                    || (c >= 0x08 && c <= 0x0D) || c == 0x1B;
            if (!printable) {
                return false;
            }
        }
        return true;
    }

    /**
     * Erlang's float text: the shortest digits that read back to the same double, written fixed or scientific,
     * whichever is shorter, fixed on a tie ({@code 100.0}, {@code 1.0e3}, {@code 0.00125}, {@code 1.0e-5}).
     */
    private static String erlangFloat(double d) {
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String fixed = shortest.toPlainString();
        if (!fixed.contains(".")) {
            fixed = fixed + ".0";
        }
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String scientific = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "e" + exponent;
        return (d < 0 ? "-" : "") + (scientific.length() < fixed.length() ? scientific : fixed);
    }
}
