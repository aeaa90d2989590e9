package io.eventyard.bench.mqtt;

import java.util.BitSet;

/**
 * What one subscriber received from each publisher, by sequence number: a second copy of a number is a
 * duplicate, a number sent but never seen is lost. Not thread-safe: one subscriber's callback thread owns it.
 */
public final class SequenceTracker {

    private final BitSet[] seen;
    private long duplicates;

    public SequenceTracker(int publishers) {
        seen = new BitSet[publishers];
        for (int i = 0; i < publishers; i++) {
            seen[i] = new BitSet();
        }
    }

    /** Notes a message; false when it is a duplicate. */
    public boolean record(int publisher, long sequence) {
        if (publisher < 0 || publisher >= seen.length || sequence < 0 || sequence > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("publisher " + publisher + ", sequence " + sequence + " out of range");
        }
        BitSet bits = seen[publisher];
        if (bits.get((int) sequence)) {
            duplicates++;
            return false;
        }
        bits.set((int) sequence);
        return true;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Distinct messages received. */
    public long distinct() {
        long total = 0;
        for (BitSet bits : seen) {
            total += bits.cardinality();
        }
        return total;
    }

    /**
     * Messages sent but not received: {@code sent[p]} is how many publisher p sent (sequences 0 to
     * sent[p] - 1).
     */
    public long lost(long[] sent) {
        long lost = 0;
        for (int p = 0; p < seen.length; p++) {
            long count = p < sent.length ? sent[p] : 0;
            lost += count - seen[p].get(0, (int) Math.min(count, Integer.MAX_VALUE)).cardinality();
        }
        return lost;
    }
}
