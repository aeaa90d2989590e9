package io.eventyard.broker.core.queue;

/** Whether a queue took a routed message; a full queue with {@code x-overflow=reject-publish*} refuses it. */
public enum EnqueueResult {
    ACCEPTED,
    REJECTED
}
