package io.eventyard.homehub.ingest;

/** A message waiting in the buffer: what it means, and how to acknowledge it once its effect is committed. */
record Pending(String topic, byte[] payload, Parsed parsed, Runnable ack) {
}
