package io.eventyard.bench;

import java.util.List;

/**
 * One scenario against one target.
 *
 * @param sentRate     publishes per second (connections per second for short connections, fill rate for a
 *                     backlog)
 * @param receivedRate deliveries per second (drain rate for a backlog)
 * @param endToEnd     publish to consumer, from the time in the body
 * @param confirm      publish to confirm
 * @param cycle        open, publish, confirm and close of one short connection
 * @param incidents    what went wrong, each kind once; empty for a clean run
 * @param failure      why the run could not be done at all, or {@code null}
 * @param server       product and version the broker announced, e.g. {@code RabbitMQ 3.10.8}; empty if unknown
 */
public record RunResult(Scenario scenario, Workload workload, Target target, String server, double seconds,
                        long sent, long received, double sentRate, double receivedRate,
                        Latency endToEnd, Latency confirm, Latency cycle, List<String> incidents, String failure) {

    public RunResult {
        incidents = List.copyOf(incidents);
    }

    static RunResult failed(Scenario scenario, Workload workload, Target target, String failure,
                            List<String> incidents) {
        return new RunResult(scenario, workload, target, "", 0, 0, 0, 0, 0, Latency.NONE, Latency.NONE, Latency.NONE,
                incidents, failure);
    }

    public boolean isFailed() {
        return failure != null;
    }
}
