package io.eventyard.bench;

/**
 * Everything one run measures: published messages, deliveries with their end-to-end latency, confirms
 * with theirs, short-connection cycles with theirs, and what went wrong. Shared by all the run's threads.
 */
final class RunMeters {

    private final Meter sent = new Meter();
    private final Meter received = new Meter();
    private final Meter confirmed = new Meter();
    private final Meter cycles = new Meter();
    private final Incidents incidents = new Incidents();

    /** Messages published (basic.publish returned). */
    Meter sent() {
        return sent;
    }

    /** Deliveries, with publish-to-consumer latency. */
    Meter received() {
        return received;
    }

    /** Publisher confirms (acks), with publish-to-confirm latency. */
    Meter confirmed() {
        return confirmed;
    }

    /** Short-connection cycles (open, publish, confirm, close), with their duration. */
    Meter cycles() {
        return cycles;
    }

    Incidents incidents() {
        return incidents;
    }
}
