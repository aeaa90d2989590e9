package io.eventyard.broker.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/**
 * The user name and password of an HTTP Basic {@code Authorization} header (RFC 7617), and where the
 * request came from (RabbitMQ lets {@code guest} in from loopback only, over HTTP as over AMQP).
 */
public record BasicCredentials(String user, String password, InetAddress remote) {

    private static final String SCHEME = "Basic ";

    /** The request's credentials; empty when it has none or they are not Basic or not decodable. */
    public static Optional<BasicCredentials> of(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1),
                remote == null ? null : remote.getAddress()));
    }

    public boolean fromLoopback() {
        return remote != null && remote.isLoopbackAddress();
    }
}
