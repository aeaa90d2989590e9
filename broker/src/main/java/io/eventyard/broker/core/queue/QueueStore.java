package io.eventyard.broker.core.queue;

/**
 * Where one queue keeps message records on disk: persistent messages of a durable queue, and the bodies of a
 * deep queue that are paged out of the heap. Positions are the store's; the queue only keeps them.
 * Core thread.
 */
public interface QueueStore {

    /** Appends a record (buffered); durable once a sync at or after {@link #requestSync()} completes. */
    long append(QueueEntryRecord record);

    QueueEntryRecord read(long position);

    /** The record is no longer in the queue (acked, dead-lettered, expired, purged). */
    void remove(long position);

    /** The record was handed to a consumer, so a recovered copy comes back marked redelivered. */
    void markDelivered(long position);

    /** Asks for what was appended so far to be fsynced; returns the ticket that will say so. */
    long requestSync();

    /** What the store held when it was opened, in order; called once, on recovery. */
    void recover(RecoveredEntryVisitor visitor);

    /** One entry read back at recovery. */
    @FunctionalInterface
    interface RecoveredEntryVisitor {
        void entry(long position, QueueEntryRecord record, boolean delivered);
    }

    /** The queue is gone: its records go with it. */
    void delete();
}
