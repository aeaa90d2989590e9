package io.eventyard.bench;

import org.HdrHistogram.Histogram;

/**
 * The percentiles the table shows, in microseconds.
 *
 * @param count how many samples; 0 when the run had none of this kind
 */
public record Latency(long count, long p50, long p75, long p95, long p99, long p999, long max) {

    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0, 0);

    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(micros.getTotalCount(),
                micros.getValueAtPercentile(50), micros.getValueAtPercentile(75),
                micros.getValueAtPercentile(95), micros.getValueAtPercentile(99),
                micros.getValueAtPercentile(99.9), micros.getMaxValue());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** {@code p50 / p75 / p95 / p99 / p99.9 / max} in milliseconds, or a dash when empty. */
    public String toMillisRow() {
        if (isEmpty()) {
            return "–";
        }
        return String.join(" / ", millis(p50), millis(p75), millis(p95), millis(p99), millis(p999), millis(max));
    }

    /** Three significant digits at most, no more decimals than that needs: 0.412, 3.21, 45.1, 1234. */
    public static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms >= 100) {
            return String.valueOf(Math.round(ms));
        }
        if (ms >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", ms);
        }
        if (ms >= 1) {
            return String.format(java.util.Locale.ROOT, "%.2f", ms);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", ms);
    }
}
