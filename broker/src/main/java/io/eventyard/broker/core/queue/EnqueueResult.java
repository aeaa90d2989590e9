package io.eventyard.broker.core.queue;

/**
 * Whether a queue took a routed message (a full queue with {@code x-overflow=reject-publish*} refuses it),
 * and the store ticket that must be durable before the message may be confirmed (0: nothing to wait for).
 */
public record EnqueueResult(boolean accepted, long syncTicket) {

    public static final EnqueueResult REJECTED = new EnqueueResult(false, 0);
    /** Taken, with nothing to wait for before a confirm. */
    public static final EnqueueResult ACCEPTED = new EnqueueResult(true, 0);
}
