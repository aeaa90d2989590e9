package io.eventyard.broker.store;

import java.util.Map;
import java.util.Objects;

/**
 * A durable binding, identified by all its fields as in RabbitMQ (arguments by value, their top-level order
 * aside).
 *
 * @param destinationKind {@link #QUEUE} or {@link #EXCHANGE}
 */
public record BindingDefinition(String vhost, String source, String destinationKind, String destination,
                                String routingKey, Map<String, Object> arguments) implements Definition {

    public static final String QUEUE = "queue";
    public static final String EXCHANGE = "exchange";

    public BindingDefinition {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destinationKind, "destinationKind");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(routingKey, "routingKey");
        arguments = ArgumentTable.copyOf(arguments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingDefinition other
                && vhost.equals(other.vhost) && source.equals(other.source)
                && destinationKind.equals(other.destinationKind) && destination.equals(other.destination)
                && routingKey.equals(other.routingKey) && ArgumentTable.equal(arguments, other.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vhost, source, destinationKind, destination, routingKey, ArgumentTable.hash(arguments));
    }
}
