package io.eventyard.broker.store;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One segment of a {@link QueueLog}: a {@code .msgs} file of records and a {@code .acks} file of marks on them
 * (layouts in {@code package-info}), with the counters that decide when the segment is dead.
 *
 * <p>Fields are split by owner: the counters, the append end and the read channel belong to the log's owner
 * (the core thread); the write channels and the end of the ack file belong to whoever holds the log's sync lock.
 * No per-record state is kept, so a segment costs the same in memory whatever it holds.
 */
final class QueueSegment {

    static final String MSGS_SUFFIX = ".msgs";
    static final String ACKS_SUFFIX = ".acks";
    static final byte[] MSGS_MAGIC = {'E', 'Y', 'M', 'S', 'G', 'S'};
    static final byte[] ACKS_MAGIC = {'E', 'Y', 'A', 'C', 'K', 'S'};
    static final short VERSION = 1;
    static final int FILE_HEADER_SIZE = 8;
    static final int RECORD_HEADER_SIZE = 8;
    static final int ACK_ENTRY_SIZE = 9;
    static final byte ACKED = 1;
    static final byte DELIVERED = 2;
    /** Segment numbers stay below 2^31 so that positions are non-negative. */
    static final long MAX_NUMBER = Integer.MAX_VALUE;

    final long number;
    final Path msgsFile;
    final Path acksFile;

    // owner thread
    int records;
    int acked;
    long appendEnd;
    FileChannel readChannel;

    // sync lock
    FileChannel writeChannel;
    FileChannel acksChannel;
    long acksEnd;

    QueueSegment(Path dir, long number) {
        this.number = number;
        this.msgsFile = dir.resolve(fileName(number, MSGS_SUFFIX));
        this.acksFile = dir.resolve(fileName(number, ACKS_SUFFIX));
    }

    boolean fullyAcked() {
        return acked == records;
    }

    long position(long offset) {
        return number << 32 | offset;
    }

    static long number(long position) {
        return position >>> 32;
    }

    static int offset(long position) {
        return (int) position;
    }

    static String fileName(long number, String suffix) {
        return String.format("%010d", number) + suffix;
    }

    static ByteBuffer fileHeader(byte[] magic) {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_SIZE);
        header.put(magic).putShort(VERSION).flip();
        return header;
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    @Override
    public String toString() {
        return msgsFile.toString();
    }
}
