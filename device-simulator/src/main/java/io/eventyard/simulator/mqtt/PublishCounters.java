package io.eventyard.simulator.mqtt;

import java.util.concurrent.atomic.LongAdder;

/** What all devices together have sent, shared by every connection; read by the status line and the benchmark. */
public final class PublishCounters {

    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder reconnects = new LongAdder();

    void countPublished() {
        published.increment();
    }

    void countAcknowledged() {
        acknowledged.increment();
    }

    /** A message a device could not send: its connection was down, or its socket buffer full. */
    void countDropped() {
        dropped.increment();
    }

    void countReconnect() {
        reconnects.increment();
    }

    public long published() {
        return published.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long reconnects() {
        return reconnects.sum();
    }
}
