package io.eventyard.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts events and records the latency of those that carry one, in microseconds. Any number of threads
 * may record at once (HdrHistogram's {@link Recorder} is wait-free for writers); one reader thread takes
 * the intervals.
 */
final class Meter {

    /** Latencies above this are recorded as this: a run is bounded well below it. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final LongAdder count = new LongAdder();
    private final Recorder latencies = new Recorder(HIGHEST_MICROS, 3);

    void mark() {
        count.increment();
    }

    void mark(long latencyNanos) {
        count.increment();
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        latencies.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    long count() {
        return count.sum();
    }

    /** The latencies recorded since the previous call; a fresh histogram the caller owns. */
    Histogram takeInterval() {
        return latencies.getIntervalHistogram();
    }
}
