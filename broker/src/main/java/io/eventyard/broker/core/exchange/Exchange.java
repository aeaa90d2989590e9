package io.eventyard.broker.core.exchange;

import io.eventyard.broker.core.message.FieldValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An exchange of one virtual host: its declared properties and its bindings. The properties are fixed at
 * declaration (RabbitMQ refuses a redeclaration that differs); the bindings change. Not thread-safe: owned by
 * the core thread.
 */
public final class Exchange {

    /** The argument naming the exchange that gets what this one cannot route. */
    public static final String ALTERNATE_EXCHANGE = "alternate-exchange";

    private final String name;
    private final ExchangeType type;
    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;
    private final BindingTable bindings;

    public Exchange(String name, ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                    Map<String, Object> arguments) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = arguments == null || arguments.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        this.bindings = type.newBindingTable();
    }

    public String name() {
        return name;
    }

    public ExchangeType type() {
        return type;
    }

    public boolean durable() {
        return durable;
    }

    public boolean autoDelete() {
        return autoDelete;
    }

    public boolean internal() {
        return internal;
    }

    /** Unmodifiable; values may be {@code null} (void). */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** The bindings whose source is this exchange. */
    public BindingTable bindings() {
        return bindings;
    }

    /** The {@code alternate-exchange} argument when it is a string, else {@code null}. */
    public String alternateExchange() {
        return FieldValues.asString(arguments.get(ALTERNATE_EXCHANGE));
    }

    /** Whether this is the nameless default exchange, which routes to the queue the routing key names. */
    public boolean isDefault() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return "exchange '" + name + "' (" + type.wireName() + ")";
    }
}
