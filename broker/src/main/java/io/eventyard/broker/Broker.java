package io.eventyard.broker;

import java.io.IOException;

/**
 * The embeddable broker. {@code Broker.start(BrokerConfig.forTests(dir))} starts it in-process on a free
 * port; {@link #amqpPort()} tells which.
 */
public final class Broker implements AutoCloseable {

    private final BrokerConfig config;
    private final int amqpPort;

    private Broker(BrokerConfig config, int amqpPort) {
        this.config = config;
        this.amqpPort = amqpPort;
    }

    public static Broker start(BrokerConfig config) throws IOException {
        throw new IOException("not yet: the AMQP listener is being built");
    }

    public BrokerConfig config() {
        return config;
    }

    /** The AMQP port actually bound (useful when the configuration asked for port 0). */
    public int amqpPort() {
        return amqpPort;
    }

    /** Virtual hosts, users and permissions. */
    public BrokerAdmin admin() {
        throw new IllegalStateException("not yet: the core is being built");
    }

    /** Stops listening, closes every connection and waits for the core to finish. */
    @Override
    public void close() {
    }
}
