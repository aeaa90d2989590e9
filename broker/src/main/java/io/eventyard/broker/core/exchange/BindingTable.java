package io.eventyard.broker.core.exchange;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bindings of one exchange, indexed for its type's routing. Not thread-safe: owned by the core thread.
 */
public interface BindingTable {

    /** Adds the binding; false when an equal binding (same key, destination and arguments) was there. */
    boolean add(Binding binding);

    /** Removes the binding; false when no equal binding was there. */
    boolean remove(Binding binding);

    /**
     * Hands {@code out} the destination of every binding that matches. A destination bound more than once may
     * come more than once; the caller dedups. {@code out} must not change this table.
     *
     * @param headers the message's headers table, {@code null} or empty when it has none
     */
    void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out);

    /** Every binding, in the order they were added. */
    List<Binding> bindings();

    /** Removes and returns every binding to {@code destination}, for when that queue or exchange is deleted. */
    List<Binding> removeDestination(Destination destination);

    boolean isEmpty();
}
