package io.eventyard.broker.core.message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ's names for field types ({@code signedint}, {@code longstr}...), which it puts in the text of
 * argument errors; clients and operators match on those texts, so ours say the same.
 */
public final class FieldTypeNames {

    private FieldTypeNames() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "void";
        }
        if (value instanceof Integer) {
            return "signedint";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Short) {
            return "short";
        }
        if (value instanceof Byte) {
            return "byte";
        }
        if (value instanceof String || value instanceof LongString) {
            return "longstr";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Float) {
            return "float";
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
        if (value instanceof byte[]) {
            return "binary";
        }
        return value.getClass().getSimpleName();
    }

    /** Types that RabbitMQ treats as one class when it compares arguments for equivalence. */
    public static String typeClass(Object value) {
        String name = of(value);
        return switch (name) {
            case "signedint", "long", "short", "byte" -> "int";
            default -> name;
        };
    }
}
