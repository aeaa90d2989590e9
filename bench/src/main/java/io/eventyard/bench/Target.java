package io.eventyard.bench;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A broker to benchmark: a short name for the table column and its AMQP URI.
 *
 * @param name the column header, e.g. {@code bundled} or {@code rabbitmq}
 * @param uri  e.g. {@code amqp://guest:guest@127.0.0.1:5672/%2F}; note that a bare trailing slash means
 *             the empty virtual host, not {@code /}
 */
public record Target(String name, String uri) {

    private static final Pattern NAMED = Pattern.compile("^([A-Za-z0-9_.-]+)=(amqps?://.*)$");

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("amqp://") && !uri.startsWith("amqps://")) {
            throw new IllegalArgumentException("not an AMQP URI: " + uri);
        }
    }

    /** {@code name=amqp://...}, or a bare URI, which is named after its host and port. */
    public static Target parse(String text) {
        var named = NAMED.matcher(text);
        if (named.matches()) {
            return new Target(named.group(1), named.group(2));
        }
        URI parsed = URI.create(text);
        String port = parsed.getPort() < 0 ? "" : ":" + parsed.getPort();
        return new Target(parsed.getHost() + port, text);
    }

    /** The URI with any password replaced, fit for printing. */
    public String displayUri() {
        return uri.replaceFirst("^(amqps?://[^:@/]*):[^@/]*@", "$1:***@");
    }
}
