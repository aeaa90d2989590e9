package io.eventyard.broker.mqtt;

import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueConsumer;
import io.eventyard.broker.core.queue.QueueEntry;

/**
 * Takes the messages of one MQTT connection's subscription queue (one queue per granted QoS) and hands them to
 * the connection, which turns them into PUBLISH packets. Core thread.
 */
final class SubscriptionConsumer implements QueueConsumer {

    private final MqttConnection connection;
    private final MessageQueue queue;
    private final int qos;

    SubscriptionConsumer(MqttConnection connection, MessageQueue queue, int qos) {
        this.connection = connection;
        this.queue = queue;
        this.qos = qos;
    }

    MessageQueue queue() {
        return queue;
    }

    /** The highest QoS this queue's messages go out at: the QoS granted to the filters bound to it. */
    int qos() {
        return qos;
    }

    @Override
    public String tag() {
        return "mqtt-" + queue.name();
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    // QoS 0 needs no acknowledgement, so the queue may forget a message once it is handed over.
    @Override
    public boolean autoAck() {
        return qos == 0;
    }

    @Override
    public boolean hasCredit() {
        return connection.canDeliver();
    }

    @Override
    public void deliver(MessageQueue from, QueueEntry entry) {
        connection.deliver(this, entry);
    }

    @Override
    public void cancelledByBroker(MessageQueue from) {
        connection.subscriptionQueueGone(this);
    }
}
