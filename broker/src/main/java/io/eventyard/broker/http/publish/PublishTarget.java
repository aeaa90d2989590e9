package io.eventyard.broker.http.publish;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.micronaut.http.HttpStatus;

/**
 * Where a stateless publish goes: {@code /{vhost}/{exchange}/{routing-key}}, each segment
 * percent-encoded ({@code %2F} for the vhost "/"). Read from the raw path because the router's decoding
 * does not fit: it cannot match an empty segment (the default exchange, an empty routing key) and
 * turns '+' into a space. The default exchange is "" or RabbitMQ's URL name {@code amq.default}.
 */
record PublishTarget(String vhost, String exchange, String routingKey) {

    /** First segments that belong to the other HTTP endpoints; no vhost of these names is reachable here. */
    static final Set<String> RESERVED = Set.of("api", "health", "prometheus");

    static PublishTarget parse(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String[] segments = path.split("/", -1);
        if (segments.length != 3) {
            throw PublishProblem.of(HttpStatus.NOT_FOUND,
                    "publish to /{vhost}/{exchange}/{routing-key}, each percent-encoded; got " + rawPath);
        }
        if (RESERVED.contains(segments[0])) {
            throw PublishProblem.of(HttpStatus.NOT_FOUND, "/" + segments[0]
                    + " is reserved for the broker's HTTP API: a vhost of that name cannot be published to over HTTP");
        }
        String exchange = decode(segments[1]);
        return new PublishTarget(decode(segments[0]), "amq.default".equals(exchange) ? "" : exchange,
                decode(segments[2]));
    }

    // Percent-decoding of a path segment, where '+' is itself (URLDecoder would read it as a space).
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw PublishProblem.of(HttpStatus.BAD_REQUEST, "bad percent-encoding in path segment '" + segment + "'");
        }
    }
}
