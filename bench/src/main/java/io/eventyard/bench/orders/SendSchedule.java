package io.eventyard.bench.orders;

/**
 * When each order is due on an open-loop schedule: order {@code i} at {@code start + i / rate}, whatever
 * happened to the orders before it. A generator that falls behind sends late orders at once and counts
 * their latency from when they were due, so a stall of the system shows in the percentiles instead of
 * silently slowing the generator down (coordinated omission).
 *
 * @param startNanos    when order 0 is due, on the {@link System#nanoTime()} clock
 * @param ratePerSecond orders per second, positive
 */
record SendSchedule(long startNanos, double ratePerSecond) {

    private static final double NANOS_PER_SECOND = 1e9;

    SendSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
    }

    /** When order {@code index} is due; computed from the start each time, so rounding never drifts. */
    long dueAt(long index) {
        return startNanos + Math.round(index * NANOS_PER_SECOND / ratePerSecond);
    }

    /** How many orders are due strictly before {@code nanos}: the index of the first one due at or after it. */
    long dueBefore(long nanos) {
        if (nanos <= startNanos) {
            return 0;
        }
        long index = (long) Math.ceil((nanos - startNanos) * ratePerSecond / NANOS_PER_SECOND);
        // The estimate can be one off either way where the rounding of dueAt falls; settle it exactly.
        while (index > 0 && dueAt(index - 1) >= nanos) {
            index--;
        }
        while (dueAt(index) < nanos) {
            index++;
        }
        return index;
    }
}
