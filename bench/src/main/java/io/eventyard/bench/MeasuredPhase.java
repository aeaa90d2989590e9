package io.eventyard.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;

/**
 * Times one phase of a run on the calling thread: an unmeasured warm-up, then a measured window that
 * ends after a duration or once the work is done, never later than a hard bound. Prints a progress line
 * each second and notes every whole second in which the work made no progress (a stall).
 */
final class MeasuredPhase {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * When a phase ends and what counts as progress.
     *
     * @param warmup   run but not measured
     * @param duration measured time, or {@code null} to measure until {@code done}
     * @param done     whether the work is finished (only asked when {@code duration} is null)
     * @param maxTime  hard bound from the start of the phase, warm-up included
     * @param progress the meter that must move every second while work remains
     * @param stalled  what a stall means, e.g. {@code no delivery}
     */
    record Plan(Duration warmup, Duration duration, BooleanSupplier done, Duration maxTime, Meter progress,
                String stalled) {
    }

    /**
     * What the measured window saw.
     *
     * @param seconds  length of the measured window
     * @param timedOut whether the hard bound ended it before the work was done
     */
    record Result(double seconds, long sent, long received, long confirmed, long cycles, Latency endToEnd,
                  Latency confirm, Latency cycle, boolean timedOut) {

        double rate(long count) {
            return seconds <= 0 ? 0 : count / seconds;
        }
    }

    private final String label;
    private final RunMeters meters;
    private final PrintStream progressOut;

    /** @param progressOut where the per-second lines go, or {@code null} for none */
    MeasuredPhase(String label, RunMeters meters, PrintStream progressOut) {
        this.label = label;
        this.meters = meters;
        this.progressOut = progressOut;
    }

    /** Starts the clock, runs {@code atStart}, then blocks until the phase ends. */
    Result run(Plan plan, Runnable atStart) {
        takeIntervals();
        Counts initial = snapshot();
        long lastProgress = plan.progress().count();
        long start = System.nanoTime();
        atStart.run();
        long warmupEnd = start + plan.warmup().toNanos();
        long hardEnd = start + plan.maxTime().toNanos();
        Window window = plan.warmup().isZero() ? new Window(start, initial) : null;
        long tickAt = start;
        Counts tickCounts = initial;
        long stallStart = -1;
        while (true) {
            LockSupport.parkNanos(POLL_NANOS);
            long now = System.nanoTime();
            if (window == null && now >= warmupEnd) {
                window = new Window(now, snapshot());
                takeIntervals();
            }
            boolean timedOut = now >= hardEnd;
            boolean over = window != null && (plan.duration() == null
                    ? plan.done().getAsBoolean()
                    : now - window.start >= plan.duration().toNanos());
            if (over || timedOut) {
                if (window == null) {
                    window = new Window(now, snapshot());
                }
                window.add(takeIntervals());
                if (stallStart >= 0) {
                    reportStall(plan, stallStart, now, start);
                }
                return window.result(now, snapshot(), timedOut && !over);
            }
            if (now - tickAt >= TICK_NANOS) {
                Counts counts = snapshot();
                Histogram[] intervals = takeIntervals();
                if (window != null) {
                    window.add(intervals);
                }
                print(now - start, window == null, (now - tickAt) / 1e9, tickCounts, counts, intervals);
                long progressNow = plan.progress().count();
                boolean workRemains = plan.duration() != null || !plan.done().getAsBoolean();
                if (progressNow == lastProgress && workRemains) {
                    if (stallStart < 0) {
                        stallStart = tickAt;
                    }
                } else if (stallStart >= 0) {
                    reportStall(plan, stallStart, tickAt, start);
                    stallStart = -1;
                }
                lastProgress = progressNow;
                tickAt = now;
                tickCounts = counts;
            }
        }
    }

    private void reportStall(Plan plan, long from, long to, long start) {
        meters.incidents().report(String.format(Locale.ROOT, "%s for %.0f s (from t=%.0f s)",
                plan.stalled(), (to - from) / 1e9, (from - start) / 1e9));
    }

    private void print(long sinceStart, boolean warmingUp, double seconds, Counts previous, Counts counts,
                       Histogram[] intervals) {
        if (progressOut == null) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%s] %3d s  sent %,8.0f/s  received %,8.0f/s",
                label, Math.round(sinceStart / 1e9),
                (counts.sent - previous.sent) / seconds, (counts.received - previous.received) / seconds));
        appendLatency(line, "e2e", intervals[0]);
        appendLatency(line, "confirm", intervals[1]);
        if (counts.cycles > previous.cycles) {
            line.append(String.format(Locale.ROOT, "  cycles %,.0f/s", (counts.cycles - previous.cycles) / seconds));
            appendLatency(line, "cycle", intervals[2]);
        }
        if (warmingUp) {
            line.append("  (warm-up)");
        }
        progressOut.println(line);
    }

    private static void appendLatency(StringBuilder line, String name, Histogram interval) {
        if (interval.getTotalCount() > 0) {
            line.append("  ").append(name).append(" p50 ").append(Latency.millis(interval.getValueAtPercentile(50)))
                    .append(" p99 ").append(Latency.millis(interval.getValueAtPercentile(99)))
                    .append(" max ").append(Latency.millis(interval.getMaxValue())).append(" ms");
        }
    }

    private Counts snapshot() {
        return new Counts(meters.sent().count(), meters.received().count(), meters.confirmed().count(),
                meters.cycles().count());
    }

    private Histogram[] takeIntervals() {
        return new Histogram[] {
            meters.received().takeInterval(), meters.confirmed().takeInterval(), meters.cycles().takeInterval()
        };
    }

    private record Counts(long sent, long received, long confirmed, long cycles) {
    }

    /** The measured window: its start, the counts then, and the latencies recorded since. */
    private static final class Window {
        final long start;
        final Counts base;
        final Histogram[] totals = {
            new Histogram(Meter.HIGHEST_MICROS, 3), new Histogram(Meter.HIGHEST_MICROS, 3),
            new Histogram(Meter.HIGHEST_MICROS, 3)
        };

        Window(long start, Counts base) {
            this.start = start;
            this.base = base;
        }

        void add(Histogram[] intervals) {
            for (int i = 0; i < totals.length; i++) {
                totals[i].add(intervals[i]);
            }
        }

        Result result(long end, Counts counts, boolean timedOut) {
            return new Result((end - start) / 1e9,
                    counts.sent - base.sent, counts.received - base.received,
                    counts.confirmed - base.confirmed, counts.cycles - base.cycles,
                    Latency.of(totals[0]), Latency.of(totals[1]), Latency.of(totals[2]), timedOut);
        }
    }
}
