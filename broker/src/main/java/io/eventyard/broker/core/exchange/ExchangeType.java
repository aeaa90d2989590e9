package io.eventyard.broker.core.exchange;

import java.util.Optional;
import java.util.function.Supplier;

/** The four exchange types of AMQP 0-9-1, each with the binding table that routes for it. */
public enum ExchangeType {
    DIRECT("direct", DirectBindings::new),
    FANOUT("fanout", FanoutBindings::new),
    TOPIC("topic", TopicBindings::new),
    HEADERS("headers", HeadersBindings::new);

    private final String wireName;
    private final Supplier<BindingTable> tables;

    ExchangeType(String wireName, Supplier<BindingTable> tables) {
        this.wireName = wireName;
        this.tables = tables;
    }

    /** The name in {@code exchange.declare} ("direct", ...). */
    public String wireName() {
        return wireName;
    }

    /** The type named {@code name} exactly (RabbitMQ matches case-sensitively), if it is one of the four. */
    public static Optional<ExchangeType> fromWireName(String name) {
        for (ExchangeType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** A new, empty binding table for an exchange of this type. */
    public BindingTable newBindingTable() {
        return tables.get();
    }
}
