package io.eventyard.broker.mqtt;

import java.util.HashMap;
import java.util.Map;

import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueEntry;

/**
 * QoS 1 PUBLISH packets sent to the client and not yet acknowledged, by packet id. The PUBACK settles the
 * queue entry; until then the entry counts as unacknowledged in its queue. Core thread.
 */
final class OutboundInflight {

    record Delivery(MessageQueue queue, QueueEntry entry) {
    }

    private final Map<Integer, Delivery> byPacketId = new HashMap<>();
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

    /** The delivery {@code packetId} stood for, now forgotten, or null for an id not in flight. */
    Delivery remove(int packetId) {
        return byPacketId.remove(packetId);
    }

    int size() {
        return byPacketId.size();
    }
}
