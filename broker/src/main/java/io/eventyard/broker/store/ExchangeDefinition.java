package io.eventyard.broker.store;

import java.util.Map;
import java.util.Objects;

/**
 * A durable exchange, identified by (vhost, name).
 *
 * @param type      the wire name: {@code direct}, {@code topic}...
 * @param arguments in the FieldValues model, unmodifiable; compared by value
 */
public record ExchangeDefinition(String vhost, String name, String type, boolean autoDelete, boolean internal,
                                 Map<String, Object> arguments) implements Definition {

    public ExchangeDefinition {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        arguments = ArgumentTable.copyOf(arguments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExchangeDefinition other
                && vhost.equals(other.vhost) && name.equals(other.name) && type.equals(other.type)
                && autoDelete == other.autoDelete && internal == other.internal
                && ArgumentTable.equal(arguments, other.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vhost, name, type, autoDelete, internal, ArgumentTable.hash(arguments));
    }
}
