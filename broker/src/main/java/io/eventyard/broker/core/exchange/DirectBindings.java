package io.eventyard.broker.core.exchange;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A direct exchange's bindings, indexed by routing key: routing costs one hash lookup. */
public final class DirectBindings implements BindingTable {

    private final BindingSet bindings = new BindingSet();
    private final Map<String, Set<Binding>> byKey = new HashMap<>();

    @Override
    public boolean add(Binding binding) {
        if (!bindings.add(binding)) {
            return false;
        }
        byKey.computeIfAbsent(binding.routingKey(), k -> new LinkedHashSet<>()).add(binding);
        return true;
    }

    @Override
    public boolean remove(Binding binding) {
        if (!bindings.remove(binding)) {
            return false;
        }
        Set<Binding> same = byKey.get(binding.routingKey());
        same.remove(binding);
        if (same.isEmpty()) {
            byKey.remove(binding.routingKey());
        }
        return true;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        Set<Binding> matching = byKey.get(routingKey);
        if (matching != null) {
            for (Binding binding : matching) {
                out.accept(binding.destination());
            }
        }
    }

    @Override
    public List<Binding> bindings() {
        return bindings.list();
    }

    @Override
    public List<Binding> removeDestination(Destination destination) {
        List<Binding> removed = bindings.to(destination);
        removed.forEach(this::remove);
        return removed;
    }

    @Override
    public boolean isEmpty() {
        return bindings.isEmpty();
    }
}
