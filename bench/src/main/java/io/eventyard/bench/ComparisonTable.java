package io.eventyard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The runs of every scenario against every target as one Markdown table, targets side by side, ready to
 * paste into {@code docs/benchmarks.md}, followed by a list of the targets with the product and version
 * each announced. With exactly two targets a last column gives the ratio of their rates.
 */
public final class ComparisonTable {

    private static final String PERCENTILES = "p50 / p75 / p95 / p99 / p99.9 / max";

    private final List<Target> targets;
    private final List<Scenario> scenarios;
    private final List<RunResult> results;

    public ComparisonTable(List<Target> targets, List<Scenario> scenarios, List<RunResult> results) {
        this.targets = List.copyOf(targets);
        this.scenarios = List.copyOf(scenarios);
        this.results = List.copyOf(results);
    }

    public String render() {
        boolean ratio = targets.size() == 2;
        StringBuilder table = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("scenario", "metric"));
        targets.forEach(target -> header.add(target.name()));
        if (ratio) {
            header.add(targets.get(0).name() + " ÷ " + targets.get(1).name());
        }
        row(table, header);
        List<String> rule = new ArrayList<>(List.of("---", "---"));
        for (int i = 2; i < header.size(); i++) {
            rule.add("---:");
        }
        row(table, rule);
        for (Scenario scenario : scenarios) {
            List<Optional<RunResult>> runs = targets.stream().map(target -> find(scenario, target)).toList();
            Optional<Workload> workload = runs.stream().flatMap(Optional::stream).map(RunResult::workload).findFirst();
            if (workload.isEmpty()) {
                continue;
            }
            String title = "**" + scenario.label() + "**<br>" + workload.get().describe();
            rateRow(table, title, scenario.sentMetric(), runs, RunResult::sentRate, ratio);
            rateRow(table, "", scenario.receivedMetric(), runs, RunResult::receivedRate, ratio);
            latencyRow(table, "end-to-end ms, " + PERCENTILES, runs, RunResult::endToEnd, ratio);
            latencyRow(table, "confirm ms, " + PERCENTILES, runs, RunResult::confirm, ratio);
            latencyRow(table, "open-publish-confirm-close ms, " + PERCENTILES, runs, RunResult::cycle, ratio);
            List<String> cells = new ArrayList<>(List.of("", "incidents"));
            for (Optional<RunResult> run : runs) {
                cells.add(run.map(ComparisonTable::incidents).orElse("not run"));
            }
            if (ratio) {
                cells.add("");
            }
            row(table, cells);
        }
        table.append('\n');
        for (Target target : targets) {
            String server = results.stream()
                    .filter(result -> result.target().equals(target) && !result.server().isEmpty())
                    .map(RunResult::server).findFirst().orElse("unknown server");
            table.append("- ").append(target.name()).append(": ").append(server)
                    .append(" at `").append(target.displayUri()).append("`\n");
        }
        return table.toString();
    }

    private Optional<RunResult> find(Scenario scenario, Target target) {
        return results.stream()
                .filter(result -> result.scenario() == scenario && result.target().equals(target))
                .findFirst();
    }

    private static void rateRow(StringBuilder table, String title, String metric, List<Optional<RunResult>> runs,
                                Function<RunResult, Double> rate, boolean ratio) {
        List<String> cells = new ArrayList<>(List.of(title, metric));
        for (Optional<RunResult> run : runs) {
            cells.add(run.filter(result -> !result.isFailed())
                    .map(result -> String.format(Locale.ROOT, "%,.0f", rate.apply(result)))
                    .orElse("failed"));
        }
        if (ratio) {
            cells.add(ratioOf(runs, rate));
        }
        row(table, cells);
    }

    private static String ratioOf(List<Optional<RunResult>> runs, Function<RunResult, Double> rate) {
        if (runs.stream().anyMatch(run -> run.isEmpty() || run.get().isFailed())) {
            return "";
        }
        double first = rate.apply(runs.get(0).get());
        double second = rate.apply(runs.get(1).get());
        return second == 0 ? "" : String.format(Locale.ROOT, "%.2f", first / second);
    }

    private static void latencyRow(StringBuilder table, String metric, List<Optional<RunResult>> runs,
                                   Function<RunResult, Latency> latency, boolean ratio) {
        boolean any = runs.stream().flatMap(Optional::stream).anyMatch(result -> !latency.apply(result).isEmpty());
        if (!any) {
            return;
        }
        List<String> cells = new ArrayList<>(List.of("", metric));
        for (Optional<RunResult> run : runs) {
            cells.add(run.map(result -> latency.apply(result).toMillisRow()).orElse("–"));
        }
        if (ratio) {
            cells.add("");
        }
        row(table, cells);
    }

    private static String incidents(RunResult result) {
        List<String> all = new ArrayList<>();
        if (result.isFailed()) {
            all.add("run failed: " + result.failure());
        }
        all.addAll(result.incidents());
        return all.isEmpty() ? "none" : String.join("; ", all);
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            table.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        table.append('\n');
    }
}
