package io.eventyard.bench.mqtt;

import java.nio.ByteBuffer;

/**
 * A benchmark message: {@code System.nanoTime()} at publish, the publisher's index and its sequence number
 * in the first {@value #HEADER_BYTES} bytes, zeros after. Publisher and subscribers share one JVM, so the
 * clock is the same on both ends.
 */
public record Payload(long sentNanos, int publisher, long sequence) {

    public static final int HEADER_BYTES = 20;

    public byte[] encode(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(sentNanos).putInt(publisher).putLong(sequence);
        return buffer.array();
    }

    /** Reads the header; throws for a body too short to be one of ours. */
    public static Payload decode(byte[] body) {
        if (body.length < HEADER_BYTES) {
            throw new IllegalArgumentException("a " + body.length + "-byte message is not a benchmark message");
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        return new Payload(buffer.getLong(), buffer.getInt(), buffer.getLong());
    }
}
