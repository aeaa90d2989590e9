package io.eventyard.simulator.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * One load step's figures.
 *
 * @param offeredRate   readings per second asked of the simulator ("max" for as fast as it goes)
 * @param publishedRate what the simulator published per second
 * @param storedRate    what reached home-hub's database per second (or the subscriber, in broker-only runs)
 * @param backlog       readings that arrived after the step ended, while draining
 * @param lost          readings sent (warm-up and step) that never arrived, after draining
 * @param receiveLag    publish to received (ms): {@code received_at - ts}, or delivery time in broker-only runs
 * @param visibleLag    publish to committed (ms), sampled from the latest values; {@code null} in broker-only runs
 * @param cpu           CPU use during the step per watched process, e.g. {@code broker 85%, home-hub 120%}
 */
record StepResult(String offeredRate, double publishedRate, double storedRate, long backlog, long lost,
                  Histogram receiveLag,
                  Histogram visibleLag, String cpu) {

    static String header() {
        return "| offered/s | published/s | stored/s (broker only: delivered/s) | backlog after step | lost | receive lag p50 / p99 / max (ms) "
                + "| visible lag p50 / p99 / max (ms) | CPU (100% = one core) |\n| --- | --- | --- | --- | --- | --- | --- | --- |";
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %d | %d | %s | %s | %s |", offeredRate, publishedRate,
                storedRate, backlog, lost, percentiles(receiveLag), visibleLag == null ? "-" : percentiles(visibleLag), cpu);
    }

    private static String percentiles(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return histogram.getValueAtPercentile(50) + " / " + histogram.getValueAtPercentile(99) + " / "
                + histogram.getMaxValue();
    }
}
