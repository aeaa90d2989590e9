package io.eventyard.bench.orders;

import io.eventyard.bench.Latency;
import org.HdrHistogram.Histogram;

/**
 * The percentiles the order benchmark shows, in microseconds.
 *
 * @param count how many samples; 0 when there were none
 */
public record LatencyPercentiles(long count, long p50, long p90, long p99, long p999, long max) {

    public static final LatencyPercentiles NONE = new LatencyPercentiles(0, 0, 0, 0, 0, 0);

    /** The header of {@link #toMillisRow()}. */
    public static final String COLUMNS = "p50 / p90 / p99 / p99.9 / max";

    public static LatencyPercentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencyPercentiles(micros.getTotalCount(),
                micros.getValueAtPercentile(50), micros.getValueAtPercentile(90),
                micros.getValueAtPercentile(99), micros.getValueAtPercentile(99.9), micros.getMaxValue());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** {@code p50 / p90 / p99 / p99.9 / max} in milliseconds, or a dash when empty. */
    public String toMillisRow() {
        if (isEmpty()) {
            return "–";
        }
        return String.join(" / ", Latency.millis(p50), Latency.millis(p90), Latency.millis(p99),
                Latency.millis(p999), Latency.millis(max));
    }
}
