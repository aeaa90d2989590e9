package io.eventyard.bench.mqtt;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/** The tallies of an idle run, from every event loop; also the window of connects in progress. */
final class IdleCounters {

    final Semaphore handshakes;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong closedByBroker = new AtomicLong();
    final AtomicLong pingsAnswered = new AtomicLong();
    final AtomicLong lastSettledNanos = new AtomicLong();
    private final Incidents incidents;
    /** Set before the run closes its connections, so that those closes are not counted as the broker's. */
    volatile boolean closing;

    IdleCounters(int concurrentHandshakes, Incidents incidents) {
        this.handshakes = new Semaphore(concurrentHandshakes);
        this.incidents = incidents;
    }

    void settled(boolean ok, String why) {
        (ok ? accepted : failed).incrementAndGet();
        if (!ok) {
            incidents.note("connect failed: " + why);
        }
        lastSettledNanos.set(System.nanoTime());
        handshakes.release();
    }

    void closedByBroker() {
        if (closing) {
            return;
        }
        closedByBroker.incrementAndGet();
        incidents.note("connection closed by the broker while idle");
    }

    void pingAnswered() {
        pingsAnswered.incrementAndGet();
    }
}
