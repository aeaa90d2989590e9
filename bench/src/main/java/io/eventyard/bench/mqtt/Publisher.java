package io.eventyard.bench.mqtt;

import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;

/**
 * One publishing client, driven on its channel's event loop: keeps up to {@code --inflight} publishes
 * uncompleted (QoS 0: not yet written to the socket; 1: no PUBACK yet; 2: no PUBCOMP yet), topping the
 * window up as completions come in (as fast as possible) or each millisecond with the messages that have
 * fallen due (a fixed rate; a message the window holds back goes out late and is timed from when it went).
 * Writes of one round share one flush. Every field is touched on the event loop only, except the few read
 * for progress and at the end.
 */
final class Publisher implements LeanMqttClient.Completions {

    private static final int PACKET_IDS = 65_535;

    private LeanMqttClient client;
    private final int index;
    private final String topic;
    private final MqttWorkload workload;
    private final MeasuredWindow window;
    private final Incidents incidents;
    private final Histogram doneMicros = new Histogram(3_600_000_000L, 3);
    private final long[] publishedAt = new long[PACKET_IDS + 1];
    private int free;
    private int nextPacketId = 1;
    private boolean pumpQueued;
    private long startNanos;
    private ScheduledFuture<?> ticks;
    private volatile boolean stopped;
    private volatile long sequence;
    private volatile long sentInWindow;
    private volatile int outstanding;

    Publisher(int index, String topic, MqttWorkload workload, MeasuredWindow window, Incidents incidents) {
        this.index = index;
        this.topic = topic;
        this.workload = workload;
        this.window = window;
        this.incidents = incidents;
        this.free = workload.inflight();
    }

    void attach(LeanMqttClient client) {
        this.client = client;
    }

    LeanMqttClient client() {
        return client;
    }

    void start() {
        client.eventLoop().execute(() -> {
            startNanos = System.nanoTime();
            if (workload.rate() > 0) {
                ticks = client.eventLoop().scheduleAtFixedRate(this::pump, 0, 1, TimeUnit.MILLISECONDS);
            } else {
                pump();
            }
        });
    }

    private void pump() {
        pumpQueued = false;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long allowed = free;
        if (workload.rate() > 0) {
            long due = (now - startNanos) * workload.rate() / 1_000_000_000L + 1;
            allowed = Math.min(allowed, due - sequence);
        }
        long written = 0;
        for (; written < allowed; written++) {
            int id = nextPacketId;
            nextPacketId = id == PACKET_IDS ? 1 : id + 1;
            publishedAt[id] = now;
            free--;
            client.write(topic, new Payload(now, index, sequence).encode(workload.size()), workload.qos(), id);
            sequence++;
            if (window.contains(now)) {
                sentInWindow++;
            }
        }
        outstanding = workload.inflight() - free;
        if (written > 0) {
            client.flush();
        }
    }

    @Override
    public void completed(int packetId, boolean ok) {
        if (!ok) {
            incidents.note("publish not written (connection gone)");
        }
        long sent = publishedAt[packetId];
        if (ok && window.contains(sent)) {
            doneMicros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
        }
        free++;
        outstanding = workload.inflight() - free;
        if (workload.rate() == 0 && !pumpQueued && !stopped) {
            pumpQueued = true;
            client.eventLoop().execute(this::pump);
        }
    }

    void stop() {
        stopped = true;
        client.eventLoop().execute(() -> {
            if (ticks != null) {
                ticks.cancel(false);
            }
        });
    }

    /** Waits until every publish has completed; false when some had not by the deadline. */
    boolean awaitCompletions(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (outstanding > 0 && client.isActive()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return outstanding == 0;
    }

    /** Messages published so far, sequences 0 to this minus one. */
    long sequencesUsed() {
        return sequence;
    }

    long sentInWindow() {
        return sentInWindow;
    }

    /** Read after {@link #awaitCompletions}: the event loop no longer writes it. */
    Histogram publishDone() {
        return doneMicros;
    }
}
