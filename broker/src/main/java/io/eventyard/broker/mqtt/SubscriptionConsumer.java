package io.eventyard.broker.mqtt;

import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueConsumer;
import io.eventyard.broker.core.queue.QueueEntry;

/**
 * Takes messages from a queue for an MQTT session: from the session's own queue (every ordinary subscription
 * is a binding of it), or from the queue of one shared subscription group, where the group's sessions take
 * turns. Core thread.
 */
final class SubscriptionConsumer implements QueueConsumer {

    private final MqttSession session;
    private final MessageQueue queue;
    private Subscription shared;

    /** @param shared the shared subscription this consumer stands for; null on the session's own queue */
    SubscriptionConsumer(MqttSession session, MessageQueue queue, Subscription shared) {
        this.session = session;
        this.queue = queue;
        this.shared = shared;
    }

    MessageQueue queue() {
        return queue;
    }

    Subscription shared() {
        return shared;
    }

    void shared(Subscription changed) {
        shared = changed;
    }

    @Override
    public String tag() {
        return "mqtt-" + session.clientId();
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    // Even QoS 0 deliveries are settled by the session, which decides the QoS per message.
    @Override
    public boolean autoAck() {
        return false;
    }

    @Override
    public boolean hasCredit() {
        return session.canDeliver();
    }

    @Override
    public void deliver(MessageQueue from, QueueEntry entry) {
        session.deliver(this, entry);
    }

    @Override
    public void cancelledByBroker(MessageQueue from) {
        session.queueGone(this);
    }
}
