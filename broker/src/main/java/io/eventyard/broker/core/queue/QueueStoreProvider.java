package io.eventyard.broker.core.queue;

/**
 * Opens the stores of queues. Durable queues get a store that outlives the broker; the others get one for
 * paging only, thrown away with the queue (and at every start).
 */
public interface QueueStoreProvider {

    /** No disk at all: every message stays in memory (an in-memory broker, or a unit test). */
    QueueStoreProvider NONE = new QueueStoreProvider() {
        @Override
        public QueueStore durable(String vhost, String queue, boolean recover) {
            return null;
        }

        @Override
        public QueueStore paging(String vhost, String queue) {
            return null;
        }

        @Override
        public QueueStore internal(String vhost, String name) {
            return null;
        }

        @Override
        public long pageOutBytes() {
            return Long.MAX_VALUE;
        }
    };

    /**
     * The store of a durable queue. With {@code recover}, what it held before the restart is kept (see
     * {@link QueueStore#recover}); without, any leftover of an earlier queue of that name is wiped.
     */
    QueueStore durable(String vhost, String queue, boolean recover);

    /** A store for paging a non-durable queue; created lazily, deleted with the queue. */
    QueueStore paging(String vhost, String queue);

    /**
     * A durable store for the broker's own records, not a queue's (the retained MQTT messages of a vhost): kept
     * apart from the queues' logs, so that no AMQP client can declare, see or delete it, and recovered whole,
     * transient messages too. Null without a disk. Its logs outlive a restart only when opened again before
     * the store's orphans are removed (see the broker's startup).
     */
    QueueStore internal(String vhost, String name);

    /** Ready bytes a queue keeps in memory before it pages further bodies out. */
    long pageOutBytes();
}
