package io.eventyard.broker.core.exchange;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A fanout exchange's bindings: every destination gets every message, once, whatever the key. */
public final class FanoutBindings implements BindingTable {

    private final BindingSet bindings = new BindingSet();

    @Override
    public boolean add(Binding binding) {
        return bindings.add(binding);
    }

    @Override
    public boolean remove(Binding binding) {
        return bindings.remove(binding);
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        bindings.destinations().forEach(out);
    }

    @Override
    public List<Binding> bindings() {
        return bindings.list();
    }

    @Override
    public List<Binding> removeDestination(Destination destination) {
        List<Binding> removed = bindings.to(destination);
        removed.forEach(bindings::remove);
        return removed;
    }

    @Override
    public boolean isEmpty() {
        return bindings.isEmpty();
    }
}
