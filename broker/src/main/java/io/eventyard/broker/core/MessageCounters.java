package io.eventyard.broker.core;

/**
 * Totals since start, the raw material of rates in metrics and the management API. Written on the core
 * thread only; read them there too (a snapshot through {@link CoreExecutor#call}).
 */
public final class MessageCounters {

    private long published;
    private long routed;
    private long unroutable;
    private long delivered;
    private long redelivered;
    private long acknowledged;
    private long deadLettered;

    public void published(boolean wasRouted) {
        published++;
        if (wasRouted) {
            routed++;
        } else {
            unroutable++;
        }
    }

    public void delivered(boolean wasRedelivered) {
        delivered++;
        if (wasRedelivered) {
            redelivered++;
        }
    }

    public void acknowledged(int count) {
        acknowledged += count;
    }

    public void countDeadLetter() {
        deadLettered++;
    }

    public long published() {
        return published;
    }

    public long routed() {
        return routed;
    }

    public long unroutable() {
        return unroutable;
    }

    public long delivered() {
        return delivered;
    }

    public long redelivered() {
        return redelivered;
    }

    public long acknowledged() {
        return acknowledged;
    }

    public long deadLettered() {
        return deadLettered;
    }
}
