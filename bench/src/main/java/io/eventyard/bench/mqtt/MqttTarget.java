package io.eventyard.bench.mqtt;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An MQTT broker to benchmark: a short name for the table column, where it listens, and the login to use
 * (none: connect without a username, as Mosquitto's {@code allow_anonymous} takes it).
 *
 * @param name     the column header, e.g. {@code bundled} or {@code mosquitto}
 * @param host     host name or address
 * @param port     TCP port
 * @param user     username, or null for none
 * @param password password, or null for none
 */
public record MqttTarget(String name, String host, int port, String user, String password) {

    private static final Pattern NAMED = Pattern.compile("^([A-Za-z0-9_.-]+)=(tcp://.*)$");

    public MqttTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("no port in the target " + name);
        }
    }

    /** {@code name=tcp://[user[:password]@]host:port}, or a bare URI, named after its host and port. */
    public static MqttTarget parse(String text) {
        String name = null;
        String uri = text;
        var named = NAMED.matcher(text);
        if (named.matches()) {
            name = named.group(1);
            uri = named.group(2);
        }
        if (!uri.startsWith("tcp://")) {
            throw new IllegalArgumentException("not an MQTT URI (tcp://host:port): " + text);
        }
        URI parsed = URI.create(uri);
        if (parsed.getHost() == null || parsed.getPort() < 0) {
            throw new IllegalArgumentException("an MQTT URI needs a host and a port: " + text);
        }
        String user = null;
        String password = null;
        if (parsed.getRawUserInfo() != null) {
            String[] parts = parsed.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new MqttTarget(name != null ? name : parsed.getHost() + ":" + parsed.getPort(),
                parsed.getHost(), parsed.getPort(), user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** {@code tcp://host:port}, as Paho wants it. */
    public String serverUri() {
        return "tcp://" + host + ":" + port;
    }

    /** The URI with the user but without the password, fit for printing. */
    public String displayUri() {
        return user == null ? serverUri() : "tcp://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port;
    }
}
