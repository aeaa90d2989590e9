package io.eventyard.messaging.inbound;

/** How every shop listener consumes; {@code @Queue} takes these as constants. */
public final class ConsumerDefaults {

    /**
     * Unacked deliveries per consumer. Enough to keep a consumer busy between acks; few enough that a slow
     * consumer does not sit on a thousand messages, which would also stall the client's socket reader
     * (and, on RabbitMQ, get the connection closed for a blocked write).
     */
    public static final int PREFETCH = 20;

    /** Consumers (channels, each with its own thread) per queue in one process; a deployment may change it. */
    public static final String CONSUMERS = "${eventyard.consumers.per-queue:4}";

    private ConsumerDefaults() {
    }
}
