package io.eventyard.broker.core;

/** An open client connection of any protocol, as the core sees it: enough to close it from the core. */
public interface BrokerConnection {

    String vhost();

    String user();

    /** Closes the connection with {@code reason}, as RabbitMQ's CONNECTION_FORCED (AMQP) or a DISCONNECT (MQTT). */
    void closeForced(String reason);
}
