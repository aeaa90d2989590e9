package io.eventyard.broker.store;

import java.util.Objects;

/** A user's write and read patterns for routing keys on one topic exchange, identified by (user, vhost, exchange). */
public record TopicPermissionDefinition(String user, String vhost, String exchange, String write, String read)
        implements Definition {

    public TopicPermissionDefinition {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(read, "read");
    }
}
