package io.eventyard.broker.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A virtual host as {@code GET /api/vhosts} shows it, with the message totals of its queues. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record VhostView(
        String name,
        boolean tracing,
        long messages,
        long messagesReady,
        long messagesUnacknowledged) {
}
