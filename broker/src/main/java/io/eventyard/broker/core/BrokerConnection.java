package io.eventyard.broker.core;

/** An open client connection of any protocol, as the core sees it: enough to close it from the core. */
public interface BrokerConnection {

    String vhost();

    String user();

    /** What the management API shows of it; read on the core thread. */
    default Details details() {
        return new Details("", "", "", 0, "", 0, 0, 0, "running", null);
    }

    /**
     * RabbitMQ's connection fields: {@code name} is "peer -> local", {@code state} running, blocked or flow,
     * {@code clientProvidedName} the client's {@code connection_name} property, if it sent one.
     */
    record Details(String name, String protocol, String peerHost, int peerPort, String host, int port,
                   int channels, long connectedAtMillis, String state, String clientProvidedName) {
    }

    /** The memory or disk alarm went on or off: publishers are blocked while {@code state.blocking()}. */
    default void alarmsChanged(ResourceAlarms.State state) {
    }

    /** Closes the connection with {@code reason}, as RabbitMQ's CONNECTION_FORCED (AMQP) or a DISCONNECT (MQTT). */
    void closeForced(String reason);
}
