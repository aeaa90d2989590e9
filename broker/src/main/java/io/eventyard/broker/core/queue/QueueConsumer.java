package io.eventyard.broker.core.queue;

/**
 * Something that takes messages from a queue: an AMQP consumer, later an MQTT subscription. Called on
 * the core thread only.
 */
public interface QueueConsumer {

    String tag();

    /** An exclusive consumer is the only one a queue may have (basic.consume exclusive). */
    default boolean exclusive() {
        return false;
    }

    /** With auto-ack the queue forgets a message as soon as it is handed over. */
    boolean autoAck();

    /** Whether a delivery may be handed over now (prefetch credit, channel flow). */
    boolean hasCredit();

    /** Takes {@code entry}; unless {@link #autoAck()}, the consumer later settles it on {@code queue}. */
    void deliver(MessageQueue queue, QueueEntry entry);

    /** The queue went away under the consumer (deleted, expired): RabbitMQ's consumer_cancel_notify. */
    void cancelledByBroker(MessageQueue queue);
}
