package io.eventyard.broker.store;

import java.util.Map;
import java.util.Objects;

/**
 * A durable queue, identified by (vhost, name).
 *
 * @param arguments in the FieldValues model ({@code x-message-ttl}...), unmodifiable; compared by value
 */
public record QueueDefinition(String vhost, String name, boolean autoDelete, Map<String, Object> arguments)
        implements Definition {

    public QueueDefinition {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(name, "name");
        arguments = ArgumentTable.copyOf(arguments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueDefinition other
                && vhost.equals(other.vhost) && name.equals(other.name) && autoDelete == other.autoDelete
                && ArgumentTable.equal(arguments, other.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vhost, name, autoDelete, ArgumentTable.hash(arguments));
    }
}
