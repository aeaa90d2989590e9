package io.eventyard.broker.core.queue;

import java.util.ArrayDeque;

/**
 * The paged-out tail of a queue, kept compact: a position on disk, an expiry, a size and a redelivered flag
 * per message in primitive arrays, about 21 bytes each, instead of an entry object each. A queue moves a
 * batch from here into its ready deque when that runs dry, so a backlog of millions costs tens of
 * megabytes of heap. First in, first out; owned by the core thread.
 */
final class PagedEntries {

    private static final int CHUNK = 4096;

    /** One block of entries; {@code head} is the next to take, {@code tail} the next free slot. */
    private static final class Chunk {
        final long[] positions = new long[CHUNK];
        final long[] expiresAt = new long[CHUNK];
        final int[] sizes = new int[CHUNK];
        final boolean[] redelivered = new boolean[CHUNK];
        int head;
        int tail;
    }

    /** One entry taken from the front. */
    record Paged(long position, long expiresAtMillis, int bodySize, boolean redelivered) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long size;
    private long bytes;

    void add(long position, long expiresAtMillis, int bodySize, boolean redelivered) {
        Chunk last = chunks.peekLast();
        if (last == null || last.tail == CHUNK) {
            last = new Chunk();
            chunks.addLast(last);
        }
        last.positions[last.tail] = position;
        last.expiresAt[last.tail] = expiresAtMillis;
        last.sizes[last.tail] = bodySize;
        last.redelivered[last.tail] = redelivered;
        last.tail++;
        size++;
        bytes += bodySize;
    }

    Paged poll() {
        Chunk first = chunks.peekFirst();
        if (first == null) {
            return null;
        }
        int i = first.head++;
        Paged paged = new Paged(first.positions[i], first.expiresAt[i], first.sizes[i], first.redelivered[i]);
        if (first.head == first.tail) {
            chunks.pollFirst();
        }
        size--;
        bytes -= paged.bodySize();
        return paged;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** Body bytes of the entries here (on disk, not in the heap). */
    long bytes() {
        return bytes;
    }

    /** Every position, front to back (purge, delete). */
    void forEachPosition(java.util.function.LongConsumer action) {
        for (Chunk chunk : chunks) {
            for (int i = chunk.head; i < chunk.tail; i++) {
                action.accept(chunk.positions[i]);
            }
        }
    }

    void clear() {
        chunks.clear();
        size = 0;
        bytes = 0;
    }
}
