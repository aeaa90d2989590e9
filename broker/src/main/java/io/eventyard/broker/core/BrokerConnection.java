package io.eventyard.broker.core;

/** An open client connection of any protocol, as the core sees it: enough to close it from the core. */
public interface BrokerConnection {

    String vhost();

    String user();

    /** The memory or disk alarm went on or off: publishers are blocked while {@code state.blocking()}. */
    default void alarmsChanged(ResourceAlarms.State state) {
    }

    /** Closes the connection with {@code reason}, as RabbitMQ's CONNECTION_FORCED (AMQP) or a DISCONNECT (MQTT). */
    void closeForced(String reason);
}
