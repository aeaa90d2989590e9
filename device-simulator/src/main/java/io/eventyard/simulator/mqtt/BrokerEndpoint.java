package io.eventyard.simulator.mqtt;

import java.net.URI;

/**
 * Where the devices connect and as whom.
 *
 * @param host     broker host
 * @param port     broker MQTT port
 * @param user     MQTT user name
 * @param password MQTT password
 */
public record BrokerEndpoint(String host, int port, String user, String password) {

    /** MQTT's registered port, for a URI without one. */
    public static final int DEFAULT_PORT = 1883;

    /** Reads {@code tcp://host:port} (or {@code mqtt://}); the port defaults to {@link #DEFAULT_PORT}. TLS is not supported. */
    public static BrokerEndpoint of(String uri, String user, String password) {
        URI parsed = URI.create(uri);
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equals("tcp") || scheme.equals("mqtt"))) {
            throw new IllegalArgumentException("MQTT URI must be tcp://host:port, was " + uri);
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("MQTT URI has no host: " + uri);
        }
        return new BrokerEndpoint(parsed.getHost(), parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort(), user, password);
    }

    @Override
    public String toString() {
        return "tcp://" + host + ":" + port + " as " + user;
    }
}
