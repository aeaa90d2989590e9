package io.eventyard.broker.http.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.exchange.Exchange;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** An exchange as {@code GET /api/exchanges} shows it; the default exchange has the name "". */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record ExchangeView(
        String name,
        String vhost,
        String type,
        boolean durable,
        boolean autoDelete,
        boolean internal,
        Map<String, Object> arguments) {

    /** Core thread only. */
    static ExchangeView of(String vhost, Exchange exchange) {
        return new ExchangeView(exchange.name(), vhost, exchange.type().wireName(), exchange.durable(),
                exchange.autoDelete(), exchange.internal(), FieldTableJson.render(exchange.arguments()));
    }
}
