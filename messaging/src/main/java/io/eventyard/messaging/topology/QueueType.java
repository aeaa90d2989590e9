package io.eventyard.messaging.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * The kind of queue the shop declares: classic on one broker, quorum (replicated by Raft) on a RabbitMQ cluster.
 *
 * <p>A quorum queue with a dead-letter exchange dead-letters at most once unless told otherwise, and a message in
 * flight from {@code email.retry} back to {@code email.send} could then be lost while a leader moves. So a quorum
 * queue that dead-letters is declared {@code at-least-once}, which RabbitMQ only honours together with
 * {@code x-overflow=reject-publish}. No shop queue has a length limit, so that overflow setting never refuses a
 * publish; it is the price of the stronger dead-lettering.
 */
public enum QueueType {
    CLASSIC,
    QUORUM;

    /** The declare arguments of a durable shop queue of this type, given its own (dead-lettering, TTL) arguments. */
    Map<String, Object> arguments(Map<String, Object> own) {
        if (this == CLASSIC) {
            return own;
        }
        Map<String, Object> arguments = new HashMap<>(own);
        arguments.put("x-queue-type", "quorum");
        if (own.containsKey("x-dead-letter-exchange")) {
            arguments.put("x-dead-letter-strategy", "at-least-once");
            arguments.put("x-overflow", "reject-publish");
        }
        return Map.copyOf(arguments);
    }
}
