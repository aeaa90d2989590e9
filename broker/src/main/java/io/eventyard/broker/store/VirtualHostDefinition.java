package io.eventyard.broker.store;

import java.util.Objects;

/** A virtual host, identified by its name. */
public record VirtualHostDefinition(String name) implements Definition {

    public VirtualHostDefinition {
        Objects.requireNonNull(name, "name");
    }
}
