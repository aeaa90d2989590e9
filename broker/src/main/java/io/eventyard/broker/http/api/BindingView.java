package io.eventyard.broker.http.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.exchange.Binding;
import io.eventyard.broker.core.exchange.Destination;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A binding as {@code GET /api/bindings} shows it; {@code destination_type} is "queue" or "exchange". */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record BindingView(
        String source,
        String vhost,
        String destination,
        String destinationType,
        String routingKey,
        Map<String, Object> arguments) {

    /** Core thread only. */
    static BindingView of(String vhost, Binding binding) {
        return new BindingView(binding.source(), vhost, binding.destination().name(),
                binding.destination().kind() == Destination.Kind.QUEUE ? "queue" : "exchange",
                binding.routingKey(), FieldTableJson.render(binding.arguments()));
    }

    /** The binding every queue has from the default exchange, which RabbitMQ lists too. */
    static BindingView fromDefaultExchange(String vhost, String queue) {
        return new BindingView("", vhost, queue, "queue", queue, Map.of());
    }
}
