package io.eventyard.broker.core.queue;

import io.eventyard.broker.core.message.Message;

/**
 * A message's place in one queue: its order, its expiry, whether it was delivered before, and where it is
 * on disk. The {@link Message} is shared by every queue it was routed to; it is absent while the entry is
 * paged out (only its position is kept), and read back when the entry is due. Owned by the core thread.
 */
public final class QueueEntry {

    /** The entry has no record on disk. */
    public static final long NOT_STORED = -1;

    private final long sequence;
    private final long expiresAtMillis;
    private final int bodySize;
    private final boolean persistent;
    private Message message;
    private long position = NOT_STORED;
    private boolean redelivered;

    QueueEntry(long sequence, Message message, long expiresAtMillis) {
        this.sequence = sequence;
        this.message = message;
        this.expiresAtMillis = expiresAtMillis;
        this.bodySize = message.bodySize();
        this.persistent = message.properties().persistent();
    }

    /** An entry read back from the queue's log at recovery, paged out. */
    QueueEntry(long sequence, long position, long expiresAtMillis, int bodySize, boolean redelivered) {
        this.sequence = sequence;
        this.position = position;
        this.expiresAtMillis = expiresAtMillis;
        this.bodySize = bodySize;
        this.persistent = true;
        this.redelivered = redelivered;
    }

    public long sequence() {
        return sequence;
    }

    /** The message; never null once the queue has handed the entry to a consumer. */
    public Message message() {
        return message;
    }

    public boolean redelivered() {
        return redelivered;
    }

    int bodySize() {
        return bodySize;
    }

    boolean persistent() {
        return persistent;
    }

    boolean inMemory() {
        return message != null;
    }

    void load(Message loaded) {
        message = loaded;
    }

    long position() {
        return position;
    }

    boolean stored() {
        return position != NOT_STORED;
    }

    void storedAt(long newPosition) {
        position = newPosition;
    }

    void markRedelivered() {
        redelivered = true;
    }

    /** Epoch millis after which the entry is dead, or {@code Long.MAX_VALUE} when it never expires. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    boolean expiredAt(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }
}
