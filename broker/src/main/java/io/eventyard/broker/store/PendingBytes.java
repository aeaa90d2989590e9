package io.eventyard.broker.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes for one segment file that are appended in memory and not yet written: framed records for the
 * {@code .msgs} file (starting at {@link #fileOffset}) or entries for the end of the {@code .acks} file.
 *
 * <p>Guarded by the owning log's buffer lock while it is filled; once the sync side has taken it, nobody
 * changes it any more.
 */
final class PendingBytes {

    private static final int INITIAL_CAPACITY = 4096;

    final QueueSegment segment;
    /** Where the first byte goes in the {@code .msgs} file; -1 for ack entries, which go at the file's end. */
    final long fileOffset;
    private byte[] bytes;
    private int length;

    PendingBytes(QueueSegment segment, long fileOffset) {
        this.segment = segment;
        this.fileOffset = fileOffset;
        this.bytes = new byte[0];
    }

    void putRecord(byte[] payload) {
        int at = reserve(QueueSegment.RECORD_HEADER_SIZE + payload.length);
        putInt(at, payload.length);
        putInt(at + 4, QueueSegment.crc(payload, 0, payload.length));
        System.arraycopy(payload, 0, bytes, at + QueueSegment.RECORD_HEADER_SIZE, payload.length);
    }

    void putAckEntry(byte kind, int offset) {
        int at = reserve(QueueSegment.ACK_ENTRY_SIZE);
        bytes[at] = kind;
        putInt(at + 1, offset);
        putInt(at + 5, QueueSegment.crc(bytes, at, 5));
    }

    /** The payload of the record at {@code offset} of the segment file, or null when it is not in here. */
    byte[] payloadAt(long offset) {
        if (offset < fileOffset || offset >= fileOffset + length) {
            return null;
        }
        int at = (int) (offset - fileOffset);
        int payloadLength = getInt(at);
        int from = at + QueueSegment.RECORD_HEADER_SIZE;
        return Arrays.copyOfRange(bytes, from, from + payloadLength);
    }

    ByteBuffer contents() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    int length() {
        return length;
    }

    private int reserve(int size) {
        int at = length;
        int needed = at + size;
        if (needed > bytes.length) {
            int capacity = Math.max(needed, Math.max(INITIAL_CAPACITY, bytes.length * 2));
            bytes = Arrays.copyOf(bytes, capacity < 0 ? needed : capacity);
        }
        length = needed;
        return at;
    }

    private void putInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private int getInt(int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
    }
}
