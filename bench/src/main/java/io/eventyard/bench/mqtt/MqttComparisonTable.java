package io.eventyard.bench.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.eventyard.bench.orders.LatencyPercentiles;

/**
 * The runs of every layout against every target as one Markdown table, targets side by side, ready for
 * {@code docs/benchmarks.md}. With exactly two targets a last column gives the ratio of the first to the
 * second where a ratio means something (rates, connections held).
 */
public final class MqttComparisonTable {

    private static final double MIB = 1024.0 * 1024;

    private final List<String> targets;
    private final List<Layout> layouts;
    private final List<MqttResult> results;

    public MqttComparisonTable(List<String> targets, List<Layout> layouts, List<MqttResult> results) {
        this.targets = List.copyOf(targets);
        this.layouts = List.copyOf(layouts);
        this.results = List.copyOf(results);
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
        for (Layout layout : layouts) {
            List<Optional<MqttResult>> runs = targets.stream().map(target -> find(layout, target)).toList();
            Optional<MqttWorkload> workload = runs.stream().flatMap(Optional::stream).map(MqttResult::workload).findFirst();
            if (workload.isEmpty()) {
                continue;
            }
            String title = "**" + title(workload.get()) + "**<br>" + workload.get().describe();
            if (layout == Layout.IDLE) {
                idleRows(table, title, runs, ratio);
            } else {
                pubSubRows(table, title, runs, ratio, workload.get().qos());
            }
            List<String> cells = new ArrayList<>(List.of("", "incidents"));
            runs.forEach(run -> cells.add(run.map(MqttComparisonTable::incidents).orElse("not run")));
            if (ratio) {
                cells.add("");
            }
            row(table, cells);
        }
        return table.toString();
    }

    /** {@code fan-in, QoS 1}; {@code idle}. */
    static String title(MqttWorkload workload) {
        return workload.layout() == Layout.IDLE ? workload.layout().label()
                : workload.layout().label() + ", QoS " + workload.qos();
    }

    private void pubSubRows(StringBuilder table, String title, List<Optional<MqttResult>> runs, boolean ratio, int qos) {
        numberRow(table, title, "sent msg/s", runs, MqttResult::sentRate, ratio);
        numberRow(table, "", "received msg/s" + (runs.stream().flatMap(Optional::stream)
                .anyMatch(run -> run.workload().subscribers() > 1) ? " (all subscribers)" : ""),
                runs, MqttResult::receivedRate, ratio);
        latencyRow(table, "end-to-end ms, " + LatencyPercentiles.COLUMNS, runs, MqttResult::endToEnd, ratio);
        String done = switch (qos) {
            case 0 -> "publish written";
            case 1 -> "publish → PUBACK";
            default -> "publish → PUBCOMP";
        };
        latencyRow(table, done + " ms, " + LatencyPercentiles.COLUMNS, runs, MqttResult::publishDone, ratio);
        textRow(table, "lost / duplicates", runs, run -> String.format(Locale.ROOT, "%,d / %,d", run.lost(), run.duplicates()), ratio);
    }

    private void idleRows(StringBuilder table, String title, List<Optional<MqttResult>> runs, boolean ratio) {
        List<String> cells = new ArrayList<>(List.of(title, "connections held"));
        runs.forEach(run -> cells.add(run.map(r -> r.isFailed() ? "failed: " + r.failure()
                : String.format(Locale.ROOT, "%,d of %,d", r.idle().held(), r.idle().requested())).orElse("not run")));
        if (ratio) {
            cells.add(ratio(runs, r -> (double) r.idle().held()));
        }
        row(table, cells);
        textRow(table, "opened in s (connections/s)", runs, r -> String.format(Locale.ROOT, "%.1f (%,.0f)",
                r.idle().openSeconds(), r.idle().openSeconds() > 0 ? r.idle().held() / r.idle().openSeconds() : 0), ratio);
        textRow(table, "heap after full GC MiB, before → holding", runs,
                r -> mib(r.idle().heapBefore()) + " → " + mib(r.idle().heapHolding()), ratio);
        textRow(table, "heap per connection", runs, r -> bytes(r.idle().heapPerConnection()), ratio);
        textRow(table, "**connections per GiB of heap**", runs, r -> count(r.idle().connectionsPerGibOfHeap()), ratio);
        textRow(table, "resident MiB, before → holding", runs,
                r -> mib(r.idle().rssBefore()) + " → " + mib(r.idle().rssHolding()), ratio);
        textRow(table, "resident per connection", runs, r -> bytes(r.idle().rssPerConnection()), ratio);
        textRow(table, "connections per GiB resident", runs, r -> count(r.idle().connectionsPerGibOfRss()), ratio);
        textRow(table, "broker's open sockets while holding", runs,
                r -> r.idle().brokerSockets() == null ? "–" : String.format(Locale.ROOT, "%,d", r.idle().brokerSockets()), ratio);
        textRow(table, "PINGRESPs while holding", runs,
                r -> String.format(Locale.ROOT, "%,d", r.idle().pingsAnswered()), ratio);
    }

    private void numberRow(StringBuilder table, String title, String metric, List<Optional<MqttResult>> runs,
                           Function<MqttResult, Double> value, boolean ratio) {
        List<String> cells = new ArrayList<>(List.of(title, metric));
        runs.forEach(run -> cells.add(run.map(r -> r.isFailed() ? "failed: " + r.failure()
                : String.format(Locale.ROOT, "%,.0f", value.apply(r))).orElse("not run")));
        if (ratio) {
            cells.add(ratio(runs, value));
        }
        row(table, cells);
    }

    private void latencyRow(StringBuilder table, String metric, List<Optional<MqttResult>> runs,
                            Function<MqttResult, LatencyPercentiles> latency, boolean ratio) {
        textRow(table, metric, runs, r -> latency.apply(r).toMillisRow(), ratio);
    }

    private void textRow(StringBuilder table, String metric, List<Optional<MqttResult>> runs,
                         Function<MqttResult, String> text, boolean ratio) {
        List<String> cells = new ArrayList<>(List.of("", metric));
        runs.forEach(run -> cells.add(run.filter(r -> !r.isFailed()).map(text).orElse("–")));
        if (ratio) {
            cells.add("");
        }
        row(table, cells);
    }

    private static String ratio(List<Optional<MqttResult>> runs, Function<MqttResult, Double> value) {
        Optional<MqttResult> first = runs.get(0).filter(r -> !r.isFailed());
        Optional<MqttResult> second = runs.get(1).filter(r -> !r.isFailed());
        if (first.isEmpty() || second.isEmpty() || value.apply(second.get()) == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", value.apply(first.get()) / value.apply(second.get()));
    }

    private static String incidents(MqttResult run) {
        return run.incidents().isEmpty() ? "none" : String.join("; ", run.incidents()).replace("|", "\\|");
    }

    private static String mib(Long bytes) {
        return bytes == null ? "–" : String.format(Locale.ROOT, "%.1f", bytes / MIB);
    }

    private static String bytes(Double bytes) {
        if (bytes == null) {
            return "–";
        }
        return bytes >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024)
                : String.format(Locale.ROOT, "%,.0f B", bytes);
    }

    private static String count(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private Optional<MqttResult> find(Layout layout, String target) {
        return results.stream().filter(r -> r.layout() == layout && r.target().equals(target)).findFirst();
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
