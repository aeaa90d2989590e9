package io.eventyard.broker.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** An open client connection as {@code GET /api/connections} shows it (what the core knows of it). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record ConnectionView(String vhost, String user) {
}
