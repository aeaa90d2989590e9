package io.eventyard.bench;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The AMQP benchmark: runs each chosen scenario against each target in turn (targets alternate, so that
 * both see the machine in the same state), prints each run's figures as it ends, then one Markdown table
 * with the targets side by side. Per-second progress goes to stderr, results to stdout.
 *
 * <p>Exit status: 0 when every run could be done (incidents such as stalls are reported, not fatal), 1 when
 * a run failed outright, 2 on a bad command line.
 */
public final class AmqpBench {

    private static final long PAUSE_BETWEEN_RUNS_MILLIS = 1_000;

    private AmqpBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        BenchOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(BenchOptions.USAGE);
                return;
            }
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<RunResult> results = run(options, System.out, options.quiet() ? null : System.err);
        System.out.println();
        System.out.println(new ComparisonTable(options.targets(), options.scenarios(), results).render());
        System.exit(results.stream().anyMatch(RunResult::isFailed) ? 1 : 0);
    }

    /** Runs every scenario against every target under a fresh run id. */
    public static List<RunResult> run(BenchOptions options, PrintStream out, PrintStream progressOut)
            throws InterruptedException {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        return run(options, runId, out, progressOut);
    }

    /**
     * Runs every scenario against every target; never throws for a run that fails, it is a result. What
     * a run creates is named {@link #namePrefix}{@code -q1, -q2, ...} (and {@code -fanout}).
     */
    public static List<RunResult> run(BenchOptions options, String runId, PrintStream out, PrintStream progressOut)
            throws InterruptedException {
        List<RunResult> results = new ArrayList<>();
        boolean first = true;
        for (Scenario scenario : options.scenarios()) {
            Workload workload = options.workloadFor(scenario);
            for (Target target : options.targets()) {
                if (!first) {
                    Thread.sleep(PAUSE_BETWEEN_RUNS_MILLIS);
                }
                first = false;
                out.printf("== %s @ %s (%s)%n   %s%n", scenario.label(), target.name(), target.displayUri(),
                        workload.describe());
                RunResult result = runOne(scenario, workload, target, namePrefix(runId, scenario, target),
                        progressOut);
                print(out, result);
                results.add(result);
            }
        }
        return results;
    }

    /** The prefix of the names of everything one run creates on the broker. */
    public static String namePrefix(String runId, Scenario scenario, Target target) {
        return "eventyard-bench-" + runId + "-" + scenario.label() + "-" + target.name();
    }

    private static RunResult runOne(Scenario scenario, Workload workload, Target target, String prefix,
                                    PrintStream progressOut) {
        RunMeters meters = new RunMeters();
        RunContext context = new RunContext(scenario, workload, target, prefix, meters, progressOut);
        try {
            return ScenarioRunner.of(scenario.kind()).run(context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed(scenario, workload, target, "interrupted", meters.incidents().summary());
        } catch (Exception e) {
            return RunResult.failed(scenario, workload, target, Incidents.describe(e), meters.incidents().summary());
        }
    }

    private static void print(PrintStream out, RunResult result) {
        if (result.isFailed()) {
            out.println("   FAILED: " + result.failure());
        } else {
            out.printf(Locale.ROOT, "   %s %,.0f   %s %,.0f   (%,d / %,d in %.1f s)%n",
                    result.scenario().sentMetric(), result.sentRate(),
                    result.scenario().receivedMetric(), result.receivedRate(),
                    result.sent(), result.received(), result.seconds());
            printLatency(out, "end-to-end", result.endToEnd());
            printLatency(out, "confirm", result.confirm());
            printLatency(out, "open-publish-confirm-close", result.cycle());
        }
        result.incidents().forEach(incident -> out.println("   incident: " + incident));
    }

    private static void printLatency(PrintStream out, String name, Latency latency) {
        if (!latency.isEmpty()) {
            out.printf(Locale.ROOT, "   %s ms  p50 %s  p75 %s  p95 %s  p99 %s  p99.9 %s  max %s  (%,d samples)%n",
                    name, Latency.millis(latency.p50()), Latency.millis(latency.p75()), Latency.millis(latency.p95()),
                    Latency.millis(latency.p99()), Latency.millis(latency.p999()), Latency.millis(latency.max()),
                    latency.count());
        }
    }
}
