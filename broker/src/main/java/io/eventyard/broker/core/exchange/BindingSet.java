package io.eventyard.broker.core.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bindings of a table in insertion order, indexed by destination; the part every exchange type shares. */
final class BindingSet {

    private final Set<Binding> all = new LinkedHashSet<>();
    private final Map<Destination, Set<Binding>> byDestination = new LinkedHashMap<>();

    boolean add(Binding binding) {
        if (!all.add(binding)) {
            return false;
        }
        byDestination.computeIfAbsent(binding.destination(), d -> new LinkedHashSet<>()).add(binding);
        return true;
    }

    boolean remove(Binding binding) {
        if (!all.remove(binding)) {
            return false;
        }
        Set<Binding> same = byDestination.get(binding.destination());
        same.remove(binding);
        if (same.isEmpty()) {
            byDestination.remove(binding.destination());
        }
        return true;
    }

    /** The bindings to {@code destination}, which stay in this set: the caller removes them one by one. */
    List<Binding> to(Destination destination) {
        Set<Binding> same = byDestination.get(destination);
        return same == null ? List.of() : new ArrayList<>(same);
    }

    Set<Destination> destinations() {
        return byDestination.keySet();
    }

    Set<Binding> all() {
        return all;
    }

    List<Binding> list() {
        return List.copyOf(all);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }
}
