package io.eventyard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * The producers of a run, one connection and one thread each, sharing one stop flag and one quota.
 * Owned by the thread that runs the scenario.
 */
final class ProducerGroup {

    private static final long JOIN_MILLIS = 10_000;

    private final List<Thread> threads = new ArrayList<>();
    private final List<ConfirmTracker> trackers = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished;
    private final Incidents incidents;

    /** Opens the connections and channels; publishing starts with {@link #start()}. */
    ProducerGroup(ClientConnections clients, Topology topology, Workload workload, RunMeters meters)
            throws IOException, TimeoutException {
        this.incidents = meters.incidents();
        this.finished = new CountDownLatch(workload.producers());
        AtomicLong quota = new AtomicLong(workload.counted() ? workload.messages() : Long.MAX_VALUE);
        for (int i = 0; i < workload.producers(); i++) {
            Connection connection = clients.open("producer");
            Channel channel = clients.openChannel(connection, "producer");
            ConfirmTracker tracker = null;
            if (workload.confirm() > 0) {
                channel.confirmSelect();
                tracker = new ConfirmTracker(workload.confirm(), meters);
                channel.addConfirmListener(tracker);
                trackers.add(tracker);
            }
            Producer producer = new Producer(channel, topology.exchange(), topology.routingKey(i), workload, meters,
                    tracker, quota, stop, finished);
            Thread thread = new Thread(producer, "producer-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Whether every producer has ended (quota used up, stopped, or failed). */
    boolean finished() {
        return finished.getCount() == 0;
    }

    /** Whether the broker has answered every message published with confirms on. */
    boolean allAnswered() {
        return trackers.stream().allMatch(tracker -> tracker.outstanding() == 0);
    }

    /** Stops publishing and waits for the producer threads to end. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                incidents.report(thread.getName() + " still blocked in publish " + JOIN_MILLIS / 1000
                        + " s after the stop");
            }
        }
    }

    /** Waits a bounded time for the confirms still due, reporting any that never came. */
    void awaitConfirms(long timeoutMillis) throws InterruptedException {
        for (ConfirmTracker tracker : trackers) {
            if (!tracker.awaitAnswered(timeoutMillis)) {
                incidents.report(tracker.outstanding() + " confirms still missing " + timeoutMillis / 1000
                        + " s after publishing stopped");
            }
        }
    }
}
