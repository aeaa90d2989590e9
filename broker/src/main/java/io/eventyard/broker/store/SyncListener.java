package io.eventyard.broker.store;

/**
 * Told by a {@link StoreSyncer} what has become durable. Called on the syncer's thread, so an implementation
 * hands the news to its own thread and returns quickly: the next group commit waits for it.
 */
public interface SyncListener {

    /** Everything requested with a ticket up to and including {@code ticket} is on disk. Tickets only grow. */
    void synced(long ticket);

    /** A round wrote and fsynced {@code logs} logs in {@code nanos}; for metrics. Called before {@link #synced}. */
    default void roundCompleted(int logs, long nanos) {
    }

    /**
     * Writing or syncing failed; called once. Nothing requested since the last {@link #synced} call will be
     * reported durable, now or later: what reached the disk is unknown after a failed fsync, so the broker
     * should stop taking work that needs durability.
     */
    void failed(StoreException failure);
}
