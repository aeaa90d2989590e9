package io.eventyard.broker.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.queue.QueueEntryRecord;
import io.eventyard.broker.core.queue.QueueStore;
import io.eventyard.broker.core.queue.QueueStoreProvider;

/**
 * The retained MQTT messages of every vhost: at most one per topic, replaced by the next retained publish to
 * it, deleted by one with an empty payload, and handed to each new subscription whose filter matches.
 *
 * <p>Where they live: in memory (a map and a {@link RetainedTopics trie} per vhost), and for a broker with a
 * data directory also in one internal log per vhost ({@link QueueStoreProvider#internal}), the broker's own
 * message log with group commit, so that a retained publish is on disk when its ticket is durable and survives
 * a restart or a {@code kill -9}. A record is the message as published (its routing key the AMQP form of the
 * topic, from which the topic comes back at recovery) with its expiry; a replaced or deleted message's record is
 * acked. Deleting appends a <em>tombstone</em> (the message with an empty body) before acking: acks are fsynced
 * lazily (at most once a second), and without the tombstone a crash could bring a deleted message back.
 * Recovery replays the log in order, the last record of a topic winning; a tombstone with nothing before it
 * shadows nothing any more and is acked then.
 *
 * <p>A log only frees whole segments, so a few long-lived messages could pin many segments full of replaced
 * ones; once the bytes of replaced records pass both the live bytes and {@link #COMPACT_MIN_BYTES}, every live
 * record is appended again and its old copy acked, which frees every older segment. That writes each live byte
 * at most once per as many dead bytes, and keeps the disk use under about twice the live data plus that minimum.
 *
 * <p>Core thread only.
 */
public final class RetainedMessages {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedMessages.class);

    /** The name of each vhost's internal log. */
    static final String LOG_NAME = "mqtt-retained";
    /** Dead bytes in a log before it is worth compacting (one segment's worth). */
    static final long COMPACT_MIN_BYTES = 32L * 1024 * 1024;
    /** What a record costs beyond its body and routing key (framing, properties), roughly: only for the compaction trigger. */
    private static final int RECORD_OVERHEAD = 64;

    /** What became of a retain call. */
    public enum Status {
        /** The topic's message is the new one. */
        RETAINED,
        /** The topic's message was deleted (empty payload), or there was none to delete. */
        DELETED,
        /** Refused: the topic is new and the broker keeps {@code broker.mqtt.max.retained} messages already. */
        QUOTA_EXCEEDED
    }

    /**
     * @param syncTicket the ticket to wait on with {@code core.durability().whenDurable} before acknowledging
     *                   the publish; 0 when nothing had to be written
     */
    public record Outcome(Status status, long syncTicket) {

        public boolean refused() {
            return status == Status.QUOTA_EXCEEDED;
        }
    }

    /** One entry of a vhost's map: a live message or a tombstone, and where its record is. */
    private static final class Entry {
        Retained retained; // null for a tombstone
        long position;
        long bytes;

        Entry(Retained retained, long position, long bytes) {
            this.retained = retained;
            this.position = position;
            this.bytes = bytes;
        }
    }

    /** One vhost's retained messages. */
    private static final class Vhost {
        final QueueStore store; // null in memory
        final Map<String, Entry> entries = new HashMap<>();
        final RetainedTopics topics = new RetainedTopics();
        long liveBytes;
        long deadBytes;

        Vhost(QueueStore store) {
            this.store = store;
        }
    }

    private final QueueStoreProvider stores;
    private final int maxRetained;
    private final Clock clock;
    private final Map<String, Vhost> vhosts = new HashMap<>();
    private int count;

    /**
     * Opens the retained messages of {@code vhosts} (recovering them from disk). Call on the core thread after
     * the definitions are restored and before the store's orphan logs are removed, so that the logs of existing
     * vhosts are kept; a vhost created later gets its log on first use.
     */
    public RetainedMessages(QueueStoreProvider stores, Iterable<String> vhosts, int maxRetained, Clock clock) {
        this.stores = stores;
        this.maxRetained = maxRetained;
        this.clock = clock;
        for (String vhost : vhosts) {
            vhost(vhost);
        }
    }

    /**
     * Makes {@code message} the retained message of {@code topic}, or deletes the topic's retained message when
     * the body is empty. {@code message} is what was published into {@code amq.topic}; it is kept whole, its
     * properties included. A new topic past the bound is refused and nothing changes.
     */
    public Outcome retain(String vhostName, String topic, Message message) {
        if (!TopicMapping.validTopic(topic)) {
            throw new IllegalArgumentException("not a topic name: '" + topic + "'");
        }
        Vhost vhost = vhost(vhostName);
        Entry previous = vhost.entries.get(topic);
        boolean hadMessage = previous != null && previous.retained != null;
        if (message.bodySize() == 0) {
            return delete(vhost, topic, previous, hadMessage);
        }
        if (!hadMessage && count >= maxRetained) {
            return new Outcome(Status.QUOTA_EXCEEDED, 0);
        }
        Message stored = withRoutingKeyOf(topic, message);
        long now = clock.millis();
        Retained retained = new Retained(topic, stored, expiresAt(stored, now));
        long bytes = estimate(stored);
        long position = append(vhost, retained, stored);
        if (!hadMessage) {
            count++;
        }
        vhost.entries.put(topic, new Entry(retained, position, bytes));
        vhost.topics.put(topic, retained);
        vhost.liveBytes += bytes;
        if (previous != null) {
            forget(vhost, previous); // a message or a tombstone: the new record shadows both (after the put: see compact)
        }
        return new Outcome(Status.RETAINED, sync(vhost));
    }

    private Outcome delete(Vhost vhost, String topic, Entry previous, boolean hadMessage) {
        if (!hadMessage) {
            return new Outcome(Status.DELETED, 0);
        }
        if (vhost.store == null) {
            vhost.entries.remove(topic);
        } else {
            Message empty = tombstone(topic);
            long bytes = estimate(empty);
            vhost.entries.put(topic, new Entry(null, vhost.store.append(new QueueEntryRecord(empty, Long.MAX_VALUE)),
                    bytes));
            vhost.liveBytes += bytes;
        }
        forget(vhost, previous);
        vhost.topics.remove(topic);
        count--;
        return new Outcome(Status.DELETED, sync(vhost));
    }

    /**
     * Every retained message of {@code vhost} whose topic {@code filter} matches under MQTT's rules (wildcards,
     * and {@code $} topics not matched by a leading wildcard), expired ones left out (and deleted); in no
     * particular order. Empty for an invalid filter or a vhost without retained messages.
     */
    public List<Retained> matching(String vhostName, String filter) {
        List<Retained> found = new ArrayList<>();
        Vhost vhost = vhosts.get(vhostName); // a vhost never opened has none: no log is created for asking
        if (vhost == null || !TopicMapping.validFilter(filter)) {
            return found;
        }
        vhost.topics.collect(filter, found);
        long now = clock.millis();
        if (found.stream().anyMatch(retained -> retained.expiresAtMillis() <= now)) {
            List<Retained> live = new ArrayList<>(found.size());
            for (Retained retained : found) {
                if (retained.expiresAtMillis() <= now) {
                    expire(vhost, retained);
                } else {
                    live.add(retained);
                }
            }
            found = live;
        }
        return found;
    }

    /** The retained message of exactly {@code topic}, or null. */
    public Retained get(String vhostName, String topic) {
        Vhost vhost = vhosts.get(vhostName);
        Entry entry = vhost == null ? null : vhost.entries.get(topic);
        return entry == null || entry.retained == null || entry.retained.expiresAtMillis() <= clock.millis()
                ? null : entry.retained;
    }

    /** Retained messages kept, all vhosts together (expired ones not yet noticed included). */
    public int count() {
        return count;
    }

    public int maxRetained() {
        return maxRetained;
    }

    // An expired message needs no tombstone: should its ack be lost, it comes back expired and goes again.
    private void expire(Vhost vhost, Retained retained) {
        Entry entry = vhost.entries.get(retained.topic());
        if (entry == null || entry.retained != retained) {
            return;
        }
        vhost.entries.remove(retained.topic());
        vhost.topics.remove(retained.topic());
        forget(vhost, entry);
        count--;
    }

    /**
     * The record of {@code entry} is shadowed: ack it, and compact the log once enough is dead. The entry must
     * be out of the map already, or compaction would append it again.
     */
    private void forget(Vhost vhost, Entry entry) {
        vhost.liveBytes -= entry.bytes;
        if (vhost.store == null) {
            return;
        }
        vhost.store.remove(entry.position);
        vhost.deadBytes += entry.bytes;
        if (vhost.deadBytes > Math.max(vhost.liveBytes, COMPACT_MIN_BYTES)) {
            compact(vhost);
        }
    }

    /**
     * Appends every live record (messages and tombstones) again and acks the old copies, so that every segment
     * before is left fully acked and deleted by the next sync. Crash-safe at any point: recovery takes the last
     * record of a topic, and an old copy that comes back is shadowed by its new one.
     */
    private void compact(Vhost vhost) {
        long started = System.nanoTime();
        for (Map.Entry<String, Entry> mapping : vhost.entries.entrySet()) {
            Entry entry = mapping.getValue();
            long old = entry.position;
            Message message = entry.retained != null ? entry.retained.message() : tombstone(mapping.getKey());
            long expiresAt = entry.retained != null ? entry.retained.expiresAtMillis() : Long.MAX_VALUE;
            entry.position = vhost.store.append(new QueueEntryRecord(message, expiresAt));
            vhost.store.remove(old);
        }
        vhost.deadBytes = 0;
        vhost.store.requestSync();
        LOG.info("compacted the retained messages' log: {} records, {} live bytes, in {} ms", vhost.entries.size(),
                vhost.liveBytes, (System.nanoTime() - started) / 1_000_000);
    }

    private long append(Vhost vhost, Retained retained, Message stored) {
        return vhost.store == null ? 0 : vhost.store.append(new QueueEntryRecord(stored, retained.expiresAtMillis()));
    }

    private static long sync(Vhost vhost) {
        return vhost.store == null ? 0 : vhost.store.requestSync();
    }

    private Vhost vhost(String name) {
        Vhost vhost = vhosts.get(name);
        if (vhost == null) {
            vhost = new Vhost(stores.internal(name, LOG_NAME));
            vhosts.put(name, vhost);
            if (vhost.store != null) {
                recover(name, vhost);
            }
        }
        return vhost;
    }

    /** Replays the log in order: the last record of a topic wins, and every record it shadows is acked. */
    private void recover(String name, Vhost vhost) {
        long now = clock.millis();
        int[] acked = {0};
        vhost.store.recover((position, record, delivered) -> {
            Message message = record.message();
            String topic = TopicMapping.topic(message.routingKey());
            long bytes = estimate(message);
            Entry previous = vhost.entries.remove(topic);
            if (previous != null) {
                vhost.store.remove(previous.position);
                acked[0]++;
                vhost.liveBytes -= previous.bytes;
                if (previous.retained != null) {
                    vhost.topics.remove(topic);
                    count--;
                }
            }
            if (message.bodySize() == 0 && previous == null || record.expiresAtMillis() <= now) {
                // a tombstone that shadows nothing (its message's ack is on disk), or an expired message
                vhost.store.remove(position);
                acked[0]++;
                return;
            }
            Retained retained = message.bodySize() == 0 ? null : new Retained(topic, message, record.expiresAtMillis());
            vhost.entries.put(topic, new Entry(retained, position, bytes));
            vhost.liveBytes += bytes;
            if (retained != null) {
                vhost.topics.put(topic, retained);
                count++;
            }
        });
        if (acked[0] > 0) {
            vhost.store.requestSync();
        }
        if (!vhost.entries.isEmpty() || acked[0] > 0) {
            LOG.info("vhost '{}': {} retained MQTT messages recovered ({} records acked)", name,
                    vhost.entries.values().stream().filter(entry -> entry.retained != null).count(), acked[0]);
        }
    }

    /** The record that says {@code topic} has no retained message any more: the topic and an empty body. */
    private static Message tombstone(String topic) {
        return new Message(MqttConnection.EXCHANGE, TopicMapping.routingKey(topic), null, new byte[0]);
    }

    /** The message as kept: its routing key must be the AMQP form of the topic, which recovery reads back. */
    private static Message withRoutingKeyOf(String topic, Message message) {
        String routingKey = TopicMapping.routingKey(topic);
        return routingKey.equals(message.routingKey()) ? message
                : new Message(message.exchange(), routingKey, message.properties(), message.body());
    }

    /** From the AMQP {@code expiration} (milliseconds, as a string), which an MQTT 5.0 message expiry maps to. */
    private static long expiresAt(Message message, long now) {
        String expiration = message.properties().expiration();
        if (expiration == null) {
            return Long.MAX_VALUE;
        }
        try {
            long ttl = Long.parseLong(expiration.trim());
            return ttl < 0 ? Long.MAX_VALUE : now + ttl;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long estimate(Message message) {
        return message.bodySize() + 2L * message.routingKey().length() + RECORD_OVERHEAD;
    }
}
