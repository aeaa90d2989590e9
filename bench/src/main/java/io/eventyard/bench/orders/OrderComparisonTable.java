package io.eventyard.bench.orders;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Order benchmark runs as one Markdown table for {@code docs/benchmarks.md}: a block of rows per workload,
 * a column per target in the order first seen, and with exactly two targets a last column with the ratio
 * of their rates. Below it, each target's broker and endpoints.
 */
public final class OrderComparisonTable {

    private final List<OrderLoadResult> results;
    private final List<String> targets;
    private final List<String> workloads;

    public OrderComparisonTable(List<OrderLoadResult> results) {
        this.results = List.copyOf(results);
        this.targets = List.copyOf(new LinkedHashSet<>(results.stream().map(OrderLoadResult::target).toList()));
        this.workloads = List.copyOf(new LinkedHashSet<>(results.stream().map(OrderLoadResult::workload).toList()));
    }

    public String render() {
        boolean ratio = targets.size() == 2;
        StringBuilder table = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("workload", "metric"));
        header.addAll(targets);
        if (ratio) {
            header.add(targets.get(0) + " ÷ " + targets.get(1));
        }
        row(table, header);
        List<String> rule = new ArrayList<>(List.of("---", "---"));
        for (int i = 2; i < header.size(); i++) {
            rule.add("---:");
        }
        row(table, rule);
        for (String workload : workloads) {
            List<Optional<OrderLoadResult>> runs = targets.stream().map(target -> find(workload, target)).toList();
            rateRow(table, "**" + workload + "**", "orders placed/s", runs, OrderLoadResult::placedRate, ratio);
            rateRow(table, "", "orders SHIPPED/s", runs, OrderLoadResult::shippedRate, ratio);
            textRow(table, "placed → SHIPPED ms, " + LatencyPercentiles.COLUMNS, runs,
                    result -> result.placedToShipped().toMillisRow(), ratio);
            textRow(table, "POST /orders ms, " + LatencyPercentiles.COLUMNS, runs,
                    result -> result.post().toMillisRow(), ratio);
            if (any(runs, result -> result.notSent() > 0)) {
                textRow(table, "orders due but not sent (behind schedule)", runs,
                        result -> count(result.notSent()), ratio);
            }
            textRow(table, notShippedTitle(runs), runs,
                    result -> count(result.notShipped()) + " of " + count(result.placedTotal()), ratio);
            if (any(runs, result -> result.duplicates() > 0)) {
                textRow(table, "duplicate order.shipped", runs, result -> count(result.duplicates()), ratio);
            }
            if (any(runs, result -> !result.parked().isEmpty() && !result.parked().equals("0 / 0"))) {
                textRow(table, "parked in shop.dead / email.dead", runs,
                        result -> result.parked().isEmpty() ? "?" : result.parked(), ratio);
            }
            textRow(table, "errors", runs, OrderComparisonTable::errors, ratio);
        }
        table.append('\n');
        for (String target : targets) {
            Optional<OrderLoadResult> any = results.stream().filter(result -> result.target().equals(target))
                    .filter(result -> !result.server().isEmpty()).findFirst()
                    .or(() -> results.stream().filter(result -> result.target().equals(target)).findFirst());
            any.ifPresent(result -> table.append("- ").append(target).append(": ")
                    .append(result.server().isEmpty() ? "unknown broker" : result.server())
                    .append(", ").append(result.endpoints()).append('\n'));
        }
        return table.toString();
    }

    private Optional<OrderLoadResult> find(String workload, String target) {
        return results.stream()
                .filter(result -> result.workload().equals(workload) && result.target().equals(target))
                .findFirst();
    }

    private static String notShippedTitle(List<Optional<OrderLoadResult>> runs) {
        List<String> timeouts = runs.stream().flatMap(Optional::stream)
                .map(result -> seconds(result.drainTimeoutSeconds())).distinct().toList();
        return timeouts.size() == 1
                ? "not SHIPPED " + timeouts.get(0) + " s after the last order"
                : "not SHIPPED within the drain timeout";
    }

    private static boolean any(List<Optional<OrderLoadResult>> runs, Predicate<OrderLoadResult> test) {
        return runs.stream().flatMap(Optional::stream).filter(result -> !result.isFailed()).anyMatch(test);
    }

    private static void rateRow(StringBuilder table, String title, String metric,
                                List<Optional<OrderLoadResult>> runs, Function<OrderLoadResult, Double> rate,
                                boolean ratio) {
        List<String> cells = new ArrayList<>(List.of(title, metric));
        for (Optional<OrderLoadResult> run : runs) {
            cells.add(run.map(result -> result.isFailed() ? "failed" : rate(rate.apply(result))).orElse("not run"));
        }
        if (ratio) {
            cells.add(ratioOf(runs, rate));
        }
        row(table, cells);
    }

    private static void textRow(StringBuilder table, String metric, List<Optional<OrderLoadResult>> runs,
                                Function<OrderLoadResult, String> text, boolean ratio) {
        List<String> cells = new ArrayList<>(List.of("", metric));
        for (Optional<OrderLoadResult> run : runs) {
            cells.add(run.map(result -> result.isFailed() && !metric.equals("errors") ? "–" : text.apply(result))
                    .orElse("–"));
        }
        if (ratio) {
            cells.add("");
        }
        row(table, cells);
    }

    private static String ratioOf(List<Optional<OrderLoadResult>> runs, Function<OrderLoadResult, Double> rate) {
        if (runs.stream().anyMatch(run -> run.isEmpty() || run.get().isFailed())) {
            return "";
        }
        double first = rate.apply(runs.get(0).get());
        double second = rate.apply(runs.get(1).get());
        return second == 0 ? "" : String.format(Locale.ROOT, "%.2f", first / second);
    }

    private static String errors(OrderLoadResult result) {
        List<String> all = new ArrayList<>();
        if (result.isFailed()) {
            all.add("run failed: " + result.failure());
        }
        all.addAll(result.errors());
        return all.isEmpty() ? "none" : String.join("; ", all);
    }

    /** One decimal below 100 (a paced 12.5/s shows as such), whole numbers with separators above. */
    private static String rate(double perSecond) {
        return perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            table.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        table.append('\n');
    }
}
