package io.eventyard.broker.core.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A binding from the exchange named {@code source} to a destination. Its identity is RabbitMQ's: source,
 * destination, routing key and arguments all count, so binding the same queue twice with different arguments
 * gives two bindings. Arguments compare by value in the FieldValues model ({@code byte[]} by content, the order
 * of the top-level entries not at all, since RabbitMQ sorts them).
 *
 * @param arguments unmodifiable; {@code null} becomes empty, and values may be {@code null} (void)
 */
public record Binding(String source, Destination destination, String routingKey, Map<String, Object> arguments) {

    public Binding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(routingKey, "routingKey");
        arguments = arguments == null || arguments.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    public Binding(String source, Destination destination, String routingKey) {
        this(source, destination, routingKey, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binding other
                && source.equals(other.source)
                && destination.equals(other.destination)
                && routingKey.equals(other.routingKey)
                && FieldValueEquality.tablesIdentical(arguments, other.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, routingKey, FieldValueEquality.tableHash(arguments));
    }
}
