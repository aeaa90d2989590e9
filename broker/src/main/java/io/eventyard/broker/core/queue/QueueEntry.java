package io.eventyard.broker.core.queue;

import io.eventyard.broker.core.message.Message;

/**
 * A message's place in one queue: its order, its expiry and whether it was delivered before. The
 * {@link Message} itself is shared by every queue it was routed to. Owned by the core thread.
 */
public final class QueueEntry {

    private final long sequence;
    private final Message message;
    private final long expiresAtMillis;
    private boolean redelivered;

    QueueEntry(long sequence, Message message, long expiresAtMillis) {
        this.sequence = sequence;
        this.message = message;
        this.expiresAtMillis = expiresAtMillis;
    }

    public long sequence() {
        return sequence;
    }

    public Message message() {
        return message;
    }

    public boolean redelivered() {
        return redelivered;
    }

    void markRedelivered() {
        redelivered = true;
    }

    /** Epoch millis after which the entry is dead, or {@code Long.MAX_VALUE} when it never expires. */
    long expiresAtMillis() {
        return expiresAtMillis;
    }

    boolean expiredAt(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }
}
