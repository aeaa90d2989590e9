package io.eventyard.broker.amqp.handler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueEntry;

/**
 * The deliveries of one channel that wait for ack, nack or reject, by delivery tag. Tags grow, so
 * insertion order is tag order and "multiple" settles a prefix. Owned by the core thread.
 */
final class UnackedDeliveries {

    /** A delivery handed to the client; {@code consumer} is null for basic.get. */
    record Unacked(long tag, MessageQueue queue, QueueEntry entry, ChannelConsumer consumer) {
    }

    private final Map<Long, Unacked> byTag = new LinkedHashMap<>();

    void add(Unacked unacked) {
        byTag.put(unacked.tag(), unacked);
    }

    int size() {
        return byTag.size();
    }

    /**
     * Removes and returns the deliveries {@code tag} names: that one, or with {@code multiple} every one up
     * to it (tag 0 with multiple means all). Returns null when a single tag is unknown.
     */
    List<Unacked> take(long tag, boolean multiple) {
        if (!multiple) {
            Unacked one = byTag.remove(tag);
            return one == null ? null : List.of(one);
        }
        if (tag != 0 && !byTag.containsKey(tag)) {
            return null; // RabbitMQ: "unknown delivery tag", even when smaller tags are outstanding
        }
        List<Unacked> taken = new ArrayList<>();
        Iterator<Unacked> it = byTag.values().iterator();
        while (it.hasNext()) {
            Unacked next = it.next();
            if (tag != 0 && next.tag() > tag) {
                break;
            }
            taken.add(next);
            it.remove();
        }
        return taken;
    }

    /** Puts deliveries back (a rolled-back transaction's settlements), keeping tag order. */
    void restore(List<Unacked> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<Unacked> all = new ArrayList<>(byTag.values());
        all.addAll(deliveries);
        all.sort(java.util.Comparator.comparingLong(Unacked::tag));
        byTag.clear();
        all.forEach(this::add);
    }

    List<Unacked> takeAll() {
        List<Unacked> all = new ArrayList<>(byTag.values());
        byTag.clear();
        return all;
    }
}
