package io.eventyard.broker.http.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.BrokerConnection;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * An open client connection as {@code GET /api/connections} shows it, with RabbitMQ's field names;
 * {@code client_properties} carries only {@code connection_name}, when the client sent one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record ConnectionView(String name, String vhost, String user, String protocol, String peerHost, int peerPort,
                             String host, int port, int channels, long connectedAt, String state,
                             Map<String, String> clientProperties) {

    static ConnectionView of(BrokerConnection connection) {
        BrokerConnection.Details details = connection.details();
        Map<String, String> clientProperties = details.clientProvidedName() == null ? Map.of()
                : Map.of("connection_name", details.clientProvidedName());
        return new ConnectionView(details.name(), connection.vhost(), connection.user(), details.protocol(),
                details.peerHost(), details.peerPort(), details.host(), details.port(), details.channels(),
                details.connectedAtMillis(), details.state(), clientProperties);
    }
}
