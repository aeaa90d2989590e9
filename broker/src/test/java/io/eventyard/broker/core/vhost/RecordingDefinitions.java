package io.eventyard.broker.core.vhost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.eventyard.broker.core.exchange.Binding;
import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.queue.MessageQueue;

/** Keeps, as text, what a virtual host asked to make durable. Written on the core thread, read after a call. */
final class RecordingDefinitions implements DurableDefinitions {

    private final List<String> changes = Collections.synchronizedList(new ArrayList<>());

    List<String> changes() {
        return List.copyOf(changes);
    }

    @Override
    public void exchangeDeclared(String vhost, Exchange exchange) {
        changes.add("+exchange " + exchange.name());
    }

    @Override
    public void exchangeDeleted(String vhost, String name) {
        changes.add("-exchange " + name);
    }

    @Override
    public void queueDeclared(String vhost, MessageQueue queue) {
        changes.add("+queue " + queue.name());
    }

    @Override
    public void queueDeleted(String vhost, String name) {
        changes.add("-queue " + name);
    }

    @Override
    public void bindingAdded(String vhost, Binding binding) {
        changes.add("+binding " + binding.source() + " -> " + binding.destination().name() + " " + binding.routingKey());
    }

    @Override
    public void bindingRemoved(String vhost, Binding binding) {
        changes.add("-binding " + binding.source() + " -> " + binding.destination().name() + " " + binding.routingKey());
    }
}
