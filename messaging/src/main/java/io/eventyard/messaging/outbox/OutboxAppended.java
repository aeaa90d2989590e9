package io.eventyard.messaging.outbox;

/** Fired when a transaction adds to the outbox; delivered after it commits, to wake the relay. */
record OutboxAppended(String messageId) {
}
