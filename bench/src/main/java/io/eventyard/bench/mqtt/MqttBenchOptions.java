package io.eventyard.bench.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The MQTT benchmark's command line: targets, layouts, and the options that override each layout's
 * defaults ({@link MqttWorkload#defaults}).
 *
 * @param targets   brokers, in the order they run and appear in the table
 * @param layouts   layouts to run, each against every target
 * @param overrides options given, by name without the dashes, applied over each layout's defaults
 * @param pids      per target name, the broker's process id, for its memory (heap via jcmd, RSS via /proc)
 * @param quiet     no per-second progress
 */
public record MqttBenchOptions(List<MqttTarget> targets, List<Layout> layouts, Map<String, String> overrides,
                               Map<String, Long> pids, boolean quiet) {

    public static final String USAGE = """
            usage: MqttBench --target NAME=tcp://[USER:PASSWORD@]HOST:PORT [--target ...] [options]
              --layout L[,L...]       fan-in (default), fan-out, idle
              --publishers N          publishing clients (fan-in: devices, default 50; fan-out: 1)
              --subscribers M         subscribing clients (fan-in: 1; fan-out: 50)
              --qos 0|1|2             publish and subscribe QoS (default 0)
              --size BYTES            payload size, at least 20 (default 64)
              --rate N|max            messages/s per publisher (default max: as fast as --inflight allows)
              --inflight N            publishes per publisher not yet completed (default 100)
              --warmup S              seconds of publishing before the measured window (default 5)
              --duration S            measured seconds; idle: seconds the connections are held (default 20)
              --connections K         idle: connections to open (default 10000)
              --keepalive S           idle: keep alive in seconds, PINGREQ at that period (default 30)
              --source-addresses N    idle: spread over 127.0.0.1..N (default: as the ephemeral ports need)
              --pid NAME=PID          the target's broker process: heap after GC (jcmd, Java only), RSS
              --quiet                 no per-second progress on stderr
            Topics and client ids are unique per run: bench-<run>/home/<device>/temp, bench-<run>/fanout.""";

    private static final Set<String> VALUED = Set.of("publishers", "subscribers", "qos", "size", "rate", "inflight",
            "warmup", "duration", "connections", "keepalive", "source-addresses");

    public MqttBenchOptions {
        targets = List.copyOf(targets);
        layouts = List.copyOf(layouts);
        overrides = Map.copyOf(overrides);
        pids = Map.copyOf(pids);
    }

    public static MqttBenchOptions parse(String... args) {
        List<MqttTarget> targets = new ArrayList<>();
        List<Layout> layouts = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, Long> pids = new HashMap<>();
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : arg;
            String inline = null;
            int equals = name.indexOf('=');
            if (equals > 0 && (VALUED.contains(name.substring(0, equals)) || name.startsWith("layout=")
                    || name.startsWith("target=") || name.startsWith("pid="))) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            if (name.equals("quiet")) {
                quiet = true;
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "target" -> targets.add(MqttTarget.parse(value));
                case "layout" -> {
                    for (String each : value.split(",")) {
                        layouts.add(Layout.parse(each.trim()));
                    }
                }
                case "pid" -> {
                    String[] parts = value.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--pid wants NAME=PID, was " + value);
                    }
                    pids.put(parts[0], parseLong("--pid", parts[1]));
                }
                default -> {
                    if (!VALUED.contains(name)) {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                    overrides.put(name, value);
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one --target is needed");
        }
        if (targets.stream().map(MqttTarget::name).distinct().count() != targets.size()) {
            throw new IllegalArgumentException("two targets have the same name");
        }
        for (String pidOf : pids.keySet()) {
            if (targets.stream().noneMatch(target -> target.name().equals(pidOf))) {
                throw new IllegalArgumentException("--pid names no target: " + pidOf);
            }
        }
        if (layouts.isEmpty()) {
            layouts.add(Layout.FAN_IN);
        }
        MqttBenchOptions options = new MqttBenchOptions(targets, layouts, overrides, pids, quiet);
        layouts.forEach(options::workloadFor); // a bad value fails here, before anything runs
        return options;
    }

    /** The layout's defaults with the options given applied. */
    public MqttWorkload workloadFor(Layout layout) {
        MqttWorkload w = MqttWorkload.defaults(layout);
        return new MqttWorkload(layout,
                intOption("publishers", w.publishers()),
                intOption("subscribers", w.subscribers()),
                intOption("qos", w.qos()),
                intOption("size", w.size()),
                option("rate", w.rate(), text -> text.equals("max") ? "0" : text),
                intOption("inflight", w.inflight()),
                doubleOption("warmup", w.warmupSeconds()),
                doubleOption("duration", w.durationSeconds()),
                intOption("connections", w.connections()),
                intOption("keepalive", w.keepAliveSeconds()),
                intOption("source-addresses", w.sourceAddresses()));
    }

    private int intOption(String name, int fallback) {
        return option(name, fallback, UnaryOperator.identity());
    }

    private int option(String name, int fallback, UnaryOperator<String> translate) {
        String value = overrides.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(translate.apply(value.replace("_", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a whole number, was " + value);
        }
    }

    private double doubleOption(String name, double fallback) {
        String value = overrides.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a number of seconds, was " + value);
        }
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a number, was " + value);
        }
    }
}
