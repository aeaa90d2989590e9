package io.eventyard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link AmqpBench}: which brokers, which scenarios, and options that override every
 * chosen scenario's workload.
 *
 * @param targets   the brokers, in column order
 * @param scenarios the scenarios, in run order
 * @param overrides workload options in the order given, applied over each scenario's defaults
 * @param quiet     no per-second progress lines
 */
public record BenchOptions(List<Target> targets, List<Scenario> scenarios, List<Map.Entry<String, String>> overrides,
                           boolean quiet) {

    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

    public static final String USAGE = String.join("\n",
            "usage: AmqpBench [--uri [NAME=]URI]... [--scenario LIST|all] [workload options]",
            "",
            "  --uri [NAME=]URI     a broker to run against; repeat to compare several side by side",
            "                       (default " + DEFAULT_URI + "; a bare trailing '/' is the empty vhost)",
            "  --scenario LIST      comma-separated: transient, transient-paced, persistent-confirms, fanout,",
            "                       short-connections, backlog, custom; 'all' (default) is every one but custom",
            "  --quiet              no per-second progress on stderr",
            "workload options (override the scenario's own values):",
            "  --producers N  --consumers N  --queues N  --size BYTES",
            "  --duration S  --warmup S  --messages N (total; run until all are consumed)  --max-seconds S",
            "  --confirm N (outstanding; 0 = off)  --persistent | --transient  --fanout | --direct",
            "  --auto-ack | --manual-ack  --prefetch N  --multi-ack N  --rate N (msg/s per producer)");

    public BenchOptions {
        targets = List.copyOf(targets);
        scenarios = List.copyOf(scenarios);
        overrides = List.copyOf(overrides);
        if (targets.isEmpty() || scenarios.isEmpty()) {
            throw new IllegalArgumentException("need at least one target and one scenario");
        }
        for (Scenario scenario : scenarios) {
            workloadFor(scenario, overrides);
        }
    }

    public static BenchOptions parse(String... args) {
        List<Target> targets = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        List<Map.Entry<String, String>> overrides = new ArrayList<>();
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String option = arg.substring(2);
            String inlineValue = null;
            int equals = option.indexOf('=');
            if (equals > 0 && !option.startsWith("uri")) {
                inlineValue = option.substring(equals + 1);
                option = option.substring(0, equals);
            } else if (option.startsWith("uri=")) {
                inlineValue = option.substring(4);
                option = "uri";
            }
            if (option.equals("quiet")) {
                quiet = true;
                continue;
            }
            if (Workload.isFlag(option)) {
                overrides.add(Map.entry(option, ""));
                continue;
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + option + " needs a value");
                }
                value = args[++i];
            }
            switch (option) {
                case "uri":
                    targets.add(Target.parse(value));
                    break;
                case "scenario":
                    scenarios.addAll(parseScenarios(value));
                    break;
                default:
                    overrides.add(Map.entry(option, value));
            }
        }
        if (targets.isEmpty()) {
            targets.add(new Target("rabbitmq", DEFAULT_URI));
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(parseScenarios("all"));
        }
        return new BenchOptions(targets, scenarios, overrides, quiet);
    }

    /** The scenario's defaults with every override applied in order. */
    public Workload workloadFor(Scenario scenario) {
        return workloadFor(scenario, overrides);
    }

    private static Workload workloadFor(Scenario scenario, List<Map.Entry<String, String>> overrides) {
        Workload workload = scenario.defaults();
        for (Map.Entry<String, String> override : overrides) {
            workload = workload.with(override.getKey(), override.getValue());
        }
        return workload;
    }

    private static List<Scenario> parseScenarios(String list) {
        if (list.equals("all")) {
            return Arrays.stream(Scenario.values()).filter(scenario -> scenario != Scenario.CUSTOM).toList();
        }
        return Arrays.stream(list.split(",")).map(String::trim).map(Scenario::byLabel).toList();
    }
}
