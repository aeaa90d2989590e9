package io.eventyard.bench.mqtt;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.eventyard.bench.orders.LatencyPercentiles;

/**
 * The MQTT benchmark: runs each chosen layout against each target in turn, prints each run's figures as it
 * ends, then one Markdown table with the targets side by side. Per-second progress goes to stderr, results
 * to stdout.
 *
 * <p>Exit status: 0 when every run could be done (losses and incidents are reported, not fatal), 1 when a
 * run failed outright, 2 on a bad command line.
 */
public final class MqttBench {

    private static final long PAUSE_BETWEEN_RUNS_MILLIS = 1_000;

    private MqttBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        MqttBenchOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(MqttBenchOptions.USAGE);
                return;
            }
            options = MqttBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(MqttBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"))
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        List<MqttResult> results = run(options, runId, System.out, options.quiet() ? null : System.err);
        System.out.println();
        System.out.println(new MqttComparisonTable(options.targets().stream().map(MqttTarget::name).toList(),
                options.layouts(), results).render());
        for (MqttTarget target : options.targets()) {
            System.out.println("- " + target.name() + ": `" + target.displayUri() + "`");
        }
        System.exit(results.stream().anyMatch(MqttResult::isFailed) ? 1 : 0);
    }

    /** Runs every layout against every target; a run that fails is a result, never an exception. */
    public static List<MqttResult> run(MqttBenchOptions options, String runId, PrintStream out, PrintStream progress)
            throws InterruptedException {
        List<MqttResult> results = new ArrayList<>();
        boolean first = true;
        for (Layout layout : options.layouts()) {
            MqttWorkload workload = options.workloadFor(layout);
            for (MqttTarget target : options.targets()) {
                if (!first) {
                    Thread.sleep(PAUSE_BETWEEN_RUNS_MILLIS);
                }
                first = false;
                out.printf("== %s @ %s (%s)%n   %s%n", MqttComparisonTable.title(workload), target.name(),
                        target.displayUri(), workload.describe());
                String prefix = "bench-" + runId + "-" + layout.label() + "-" + target.name();
                MqttResult result;
                if (layout == Layout.IDLE) {
                    Long pid = options.pids().get(target.name());
                    result = new IdleRun(target, workload, prefix, pid == null ? null : new ProcessMemory(pid), progress).run();
                } else {
                    result = new PubSubRun(target, workload, prefix, progress).run();
                }
                print(out, result);
                results.add(result);
            }
        }
        return results;
    }

    private static void print(PrintStream out, MqttResult result) {
        if (result.isFailed()) {
            out.println("   FAILED: " + result.failure());
        } else if (result.idle() != null) {
            IdleFigures idle = result.idle();
            out.printf(Locale.ROOT, "   held %,d of %,d connections (opened in %.1f s), %,d PINGRESPs%n",
                    idle.held(), idle.requested(), idle.openSeconds(), idle.pingsAnswered());
            if (idle.heapPerConnection() != null) {
                out.printf(Locale.ROOT, "   heap after GC %,d → %,d bytes: %,.0f bytes per connection, %,.0f connections per GiB%n",
                        idle.heapBefore(), idle.heapHolding(), idle.heapPerConnection(), idle.connectionsPerGibOfHeap());
            }
            if (idle.rssPerConnection() != null) {
                out.printf(Locale.ROOT, "   resident %,d → %,d bytes: %,.0f bytes per connection%n",
                        idle.rssBefore(), idle.rssHolding(), idle.rssPerConnection());
            }
        } else {
            out.printf(Locale.ROOT, "   sent %,.0f msg/s   received %,.0f msg/s   (%,d / %,d in %.1f s)   lost %,d   duplicates %,d%n",
                    result.sentRate(), result.receivedRate(), result.sent(), result.received(), result.seconds(),
                    result.lost(), result.duplicates());
            printLatency(out, "end-to-end", result.endToEnd());
            printLatency(out, "publish done", result.publishDone());
        }
        result.incidents().forEach(incident -> out.println("   incident: " + incident));
    }

    private static void printLatency(PrintStream out, String name, LatencyPercentiles latency) {
        if (!latency.isEmpty()) {
            out.printf(Locale.ROOT, "   %s ms  %s  %s  (%,d samples)%n", name, LatencyPercentiles.COLUMNS,
                    latency.toMillisRow(), latency.count());
        }
    }
}
