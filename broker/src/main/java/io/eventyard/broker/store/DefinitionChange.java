package io.eventyard.broker.store;

import java.util.Objects;

/** One change to the durable definitions: put (create or replace) or remove a definition. */
public record DefinitionChange(Action action, Definition definition) {

    public enum Action { PUT, REMOVE }

    public DefinitionChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(definition, "definition");
    }

    public static DefinitionChange put(Definition definition) {
        return new DefinitionChange(Action.PUT, definition);
    }

    /** Removes the definition with the same identity; removal cascades as {@link DefinitionStore} describes. */
    public static DefinitionChange remove(Definition definition) {
        return new DefinitionChange(Action.REMOVE, definition);
    }
}
