package io.eventyard.broker.store;

import java.util.Objects;

/** A user's three permission patterns on a virtual host, identified by (user, vhost). */
public record PermissionDefinition(String user, String vhost, String configure, String write, String read)
        implements Definition {

    public PermissionDefinition {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(configure, "configure");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(read, "read");
    }
}
