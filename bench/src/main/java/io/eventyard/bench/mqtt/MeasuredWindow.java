package io.eventyard.bench.mqtt;

/**
 * The measured part of a run, in {@code System.nanoTime()}: after the warm-up, for the duration. Clients
 * get it before it is placed (subscribers connect first), so it contains nothing until {@link #place}.
 */
final class MeasuredWindow {

    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    /** Publishing starts at {@code publishingNanos}; the window opens after the warm-up. */
    void place(long publishingNanos, double warmupSeconds, double durationSeconds) {
        long start = publishingNanos + (long) (warmupSeconds * 1e9);
        endNanos = start + (long) (durationSeconds * 1e9);
        startNanos = start;
    }

    boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    long startNanos() {
        return startNanos;
    }

    long endNanos() {
        return endNanos;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
