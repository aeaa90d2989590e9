package io.eventyard.broker.core.exchange;

import java.util.Objects;

/** Where a binding leads: a queue or, for exchange-to-exchange bindings, another exchange of the same vhost. */
public record Destination(Kind kind, String name) {

    public enum Kind { QUEUE, EXCHANGE }

    public Destination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Destination queue(String name) {
        return new Destination(Kind.QUEUE, name);
    }

    public static Destination exchange(String name) {
        return new Destination(Kind.EXCHANGE, name);
    }
}
