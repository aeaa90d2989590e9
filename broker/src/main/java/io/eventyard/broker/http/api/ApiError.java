package io.eventyard.broker.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every management API error, as RabbitMQ's management plugin writes it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record ApiError(String error, String reason) {
}
