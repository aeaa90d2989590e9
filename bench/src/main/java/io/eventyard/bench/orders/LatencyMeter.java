package io.eventyard.bench.orders;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records one kind of latency in microseconds from any number of threads (HdrHistogram's {@link Recorder}
 * is wait-free for writers): every sample for the per-second progress line, and the samples of measured
 * orders (due inside the measured window, not in the warm-up) for the result.
 */
final class LatencyMeter {

    /** Latencies above this are recorded as this; a run is bounded well below it. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);

    private final Recorder progress = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder measured = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram measuredTotal = new Histogram(HIGHEST_MICROS, 3);

    void record(long latencyNanos, boolean inMeasuredWindow) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        progress.recordValue(micros);
        if (inMeasuredWindow) {
            measured.recordValue(micros);
        }
    }

    /** Every sample since the previous call, measured or not; a histogram the caller owns. */
    Histogram takeProgressInterval() {
        return progress.getIntervalHistogram();
    }

    /** Every measured sample so far. Called by one thread. */
    Histogram measuredSoFar() {
        synchronized (measuredTotal) {
            measuredTotal.add(measured.getIntervalHistogram());
            return measuredTotal.copy();
        }
    }
}
