package io.eventyard.broker.store;

/**
 * A live record of a {@link QueueLog} found on recovery.
 *
 * @param position  where it is in the log, for {@link QueueLog#read}, {@link QueueLog#ack} and
 *                  {@link QueueLog#markDelivered}
 * @param payload   the bytes appended, owned by the receiver
 * @param delivered whether it had been marked delivered before the restart, so that it goes out again as a
 *                  redelivery
 */
public record LoggedRecord(long position, byte[] payload, boolean delivered) {
}
