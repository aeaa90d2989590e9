package io.eventyard.broker.core.exchange;

import io.eventyard.broker.core.topic.TopicSyntax;
import io.eventyard.broker.core.topic.TopicTrie;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A topic exchange's bindings, their keys as patterns in a {@link TopicTrie} with AMQP syntax. */
public final class TopicBindings implements BindingTable {

    private final BindingSet bindings = new BindingSet();
    private final TopicTrie<Binding> trie = new TopicTrie<>(TopicSyntax.AMQP);

    @Override
    public boolean add(Binding binding) {
        if (!bindings.add(binding)) {
            return false;
        }
        trie.add(binding.routingKey(), binding);
        return true;
    }

    @Override
    public boolean remove(Binding binding) {
        if (!bindings.remove(binding)) {
            return false;
        }
        trie.remove(binding.routingKey(), binding);
        return true;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        trie.match(routingKey, binding -> out.accept(binding.destination()));
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
