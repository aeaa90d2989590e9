package io.eventyard.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The comparisons this harness knows, each with the workload it runs unless options override it. Every
 * scenario runs against every target with the same parameters.
 */
public enum Scenario {

    /** One producer, one consumer, 1 KB transient, auto-ack: the raw routing and delivery path. */
    TRANSIENT("transient", Kind.STREAM, "sent msg/s", "received msg/s",
            new Workload(1, 1, 1, 1000, seconds(3), seconds(12), 0, 0, false, true, 0, 1, false, 0, seconds(60))),

    /**
     * The transient workload held to 10,000 msg/s, below what either broker can take here, so that latency
     * says how fast a message gets through rather than how long the queue has grown.
     */
    TRANSIENT_PACED("transient-paced", Kind.STREAM, "sent msg/s", "received msg/s",
            new Workload(1, 1, 1, 1000, seconds(3), seconds(12), 0, 0, false, true, 0, 1, false, 10_000,
                    seconds(60))),

    /** Persistent messages with 100 confirms outstanding, each delivery acknowledged: the safe path. */
    PERSISTENT_CONFIRMS("persistent-confirms", Kind.STREAM, "sent msg/s", "received msg/s",
            new Workload(1, 1, 1, 1000, seconds(3), seconds(12), 0, 100, true, false, 500, 1, false, 0, seconds(60))),

    /** One producer into a fanout exchange bound to 10 queues, one consumer each. */
    FANOUT("fanout", Kind.STREAM, "sent msg/s", "received msg/s (all queues)",
            new Workload(1, 10, 10, 1000, seconds(3), seconds(12), 0, 0, false, true, 0, 1, true, 0, seconds(60))),

    /** Clients that open a connection, publish one message with a confirm and close, over and over. */
    SHORT_CONNECTIONS("short-connections", Kind.SHORT_CONNECTIONS, "connections/s", "received msg/s",
            new Workload(4, 1, 1, 1000, seconds(2), seconds(10), 0, 1, false, true, 0, 1, false, 0, seconds(60))),

    /** A backlog published with no consumer (confirmed), then drained: fill rate and drain rate. */
    BACKLOG("backlog", Kind.BACKLOG, "fill msg/s (no consumer)", "drain msg/s",
            new Workload(1, 1, 1, 1000, Duration.ZERO, seconds(12), 200_000, 1000, false, false, 500, 1, false, 0,
                    seconds(60))),

    /** Nothing but the options given: a PerfTest-like free run. */
    CUSTOM("custom", Kind.STREAM, "sent msg/s", "received msg/s",
            new Workload(1, 1, 1, 1000, seconds(3), seconds(12), 0, 0, false, true, 0, 1, false, 0, seconds(60)));

    /** How a scenario drives the broker. */
    public enum Kind { STREAM, SHORT_CONNECTIONS, BACKLOG }

    private final String label;
    private final Kind kind;
    private final String sentMetric;
    private final String receivedMetric;
    private final Workload defaults;

    Scenario(String label, Kind kind, String sentMetric, String receivedMetric, Workload defaults) {
        this.label = label;
        this.kind = kind;
        this.sentMetric = sentMetric;
        this.receivedMetric = receivedMetric;
        this.defaults = defaults;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** What the table calls the publishing rate of this scenario. */
    public String sentMetric() {
        return sentMetric;
    }

    /** What the table calls the consuming rate of this scenario. */
    public String receivedMetric() {
        return receivedMetric;
    }

    public Workload defaults() {
        return defaults;
    }

    public static Scenario byLabel(String label) {
        return Arrays.stream(values())
                .filter(scenario -> scenario.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + label + "; known: "
                        + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "))));
    }

    private static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }
}
