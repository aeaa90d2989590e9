package io.eventyard.broker.amqp.handler;

import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueConsumer;
import io.eventyard.broker.core.queue.QueueEntry;

/** One {@code basic.consume} on one channel. Owned by the core thread. */
final class ChannelConsumer implements QueueConsumer {

    private final AmqpChannel channel;
    private final String tag;
    private final MessageQueue queue;
    private final boolean autoAck;
    private final boolean exclusive;
    private final int prefetch;
    private int unacked;

    ChannelConsumer(AmqpChannel channel, String tag, MessageQueue queue, boolean autoAck, boolean exclusive,
                    int prefetch) {
        this.channel = channel;
        this.tag = tag;
        this.queue = queue;
        this.autoAck = autoAck;
        this.exclusive = exclusive;
        this.prefetch = prefetch;
    }

    @Override
    public String tag() {
        return tag;
    }

    MessageQueue queue() {
        return queue;
    }

    @Override
    public boolean autoAck() {
        return autoAck;
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    @Override
    public boolean hasCredit() {
        // Prefetch limits only what is unacknowledged; with auto-ack nothing is (AMQP 0-9-1 basic.qos). A client
        // that does not read holds back every delivery, prefetch or not.
        if (channel.connection().congested()) {
            return false;
        }
        return autoAck || ((prefetch == 0 || unacked < prefetch) && channel.hasGlobalCredit());
    }

    @Override
    public void deliver(MessageQueue from, QueueEntry entry) {
        if (!autoAck) {
            unacked++;
        }
        channel.deliver(this, entry);
    }

    void settled() {
        unacked--;
    }

    @Override
    public void cancelledByBroker(MessageQueue from) {
        channel.consumerCancelledByBroker(this);
    }
}
