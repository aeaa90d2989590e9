package io.eventyard.broker.core.queue;

import io.eventyard.broker.core.message.Message;

/** What a queue writes to its store for one entry: the message and when it expires. */
public record QueueEntryRecord(Message message, long expiresAtMillis) {
}
