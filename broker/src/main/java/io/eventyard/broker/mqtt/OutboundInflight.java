package io.eventyard.broker.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventyard.broker.core.queue.QueueEntry;

/**
 * QoS 1 and 2 PUBLISH packets sent to the client and not yet completed, by packet id, in the order they went
 * out. It belongs to the session, not the connection: a persistent session's unacknowledged packets are sent
 * again, with their original ids and DUP set, when the client comes back (MQTT 5.0 section 4.4). Core thread.
 */
final class OutboundInflight {

    /** Where a packet is in its flow: sent and awaiting PUBACK/PUBREC, or (QoS 2) released awaiting PUBCOMP. */
    enum Stage { PUBLISHED, RELEASED }

    static final class Delivery {
        final SubscriptionConsumer consumer;
        final QueueEntry entry;
        final int qos;
        final boolean retainFlag;
        Stage stage = Stage.PUBLISHED;

        Delivery(SubscriptionConsumer consumer, QueueEntry entry, int qos, boolean retainFlag) {
            this.consumer = consumer;
            this.entry = entry;
            this.qos = qos;
            this.retainFlag = retainFlag;
        }
    }

    private final Map<Integer, Delivery> byPacketId = new LinkedHashMap<>();
    private int lastPacketId;

    /** A free packet id (1..65535, MQTT 3.1.1 section 2.3.1) now standing for {@code delivery}. */
    int add(Delivery delivery) {
        if (byPacketId.size() >= 65535) {
            throw new IllegalStateException("no free packet id");
        }
        do {
            lastPacketId = lastPacketId == 65535 ? 1 : lastPacketId + 1;
        } while (byPacketId.containsKey(lastPacketId));
        byPacketId.put(lastPacketId, delivery);
        return lastPacketId;
    }

    Delivery get(int packetId) {
        return byPacketId.get(packetId);
    }

    /** The delivery {@code packetId} stood for, now forgotten, or null for an id not in flight. */
    Delivery remove(int packetId) {
        return byPacketId.remove(packetId);
    }

    int size() {
        return byPacketId.size();
    }

    /** Every packet id in flight with its delivery, oldest first. */
    Map<Integer, Delivery> all() {
        return byPacketId;
    }

    /** Removes and returns the deliveries {@code consumer} handed out and the client has not yet received. */
    List<Delivery> removeUnreceived(SubscriptionConsumer consumer) {
        List<Delivery> removed = new ArrayList<>();
        byPacketId.values().removeIf(delivery -> {
            boolean match = delivery.consumer == consumer && delivery.stage == Stage.PUBLISHED;
            if (match) {
                removed.add(delivery);
            }
            return match;
        });
        return removed;
    }
}
