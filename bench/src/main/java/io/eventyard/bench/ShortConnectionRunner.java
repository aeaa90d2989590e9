package io.eventyard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Connection;

/**
 * {@code producers} clients cycling short connections at once, while the consumers drain the queue so
 * that it stays short and the end-to-end latency of those single messages is measured too.
 */
final class ShortConnectionRunner implements ScenarioRunner {

    private static final long JOIN_MILLIS = 10_000;

    @Override
    public RunResult run(RunContext context) throws Exception {
        Workload workload = context.workload();
        RunMeters meters = context.meters();
        String server;
        MeasuredPhase.Result result;
        try (ClientConnections adminClient = new ClientConnections(context.target(), meters.incidents())) {
            Connection admin = adminClient.open("admin");
            server = ClientConnections.serverOf(admin);
            Topology topology = Topology.declare(admin, context.prefix(), workload);
            // Workers close before the topology is deleted, so that no consumer sees its queue vanish.
            try (ClientConnections clients = new ClientConnections(context.target(), meters.incidents())) {
                ConsumerGroup consumers = new ConsumerGroup(clients, topology, workload, meters, true);
                consumers.subscribe();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong quota = new AtomicLong(workload.counted() ? workload.messages() : Long.MAX_VALUE);
                CountDownLatch finished = new CountDownLatch(workload.producers());
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < workload.producers(); i++) {
                    Thread thread = new Thread(new ShortConnectionClient(clients, topology.routingKey(i), workload,
                            meters, quota, stop, finished), "short-client-" + (i + 1));
                    thread.setDaemon(true);
                    threads.add(thread);
                }
                MeasuredPhase.Plan plan = new MeasuredPhase.Plan(
                        workload.counted() ? Duration.ZERO : workload.warmup(),
                        workload.counted() ? null : workload.duration(),
                        () -> finished.getCount() == 0
                                && (consumers.isEmpty() || meters.received().count() >= meters.sent().count()),
                        workload.maxTime(), meters.cycles(), "no connection cycle");
                try {
                    result = context.phase("").run(plan, () -> threads.forEach(Thread::start));
                } finally {
                    stop.set(true);
                    for (Thread thread : threads) {
                        thread.join(JOIN_MILLIS);
                        if (thread.isAlive()) {
                            meters.incidents().report(thread.getName() + " still blocked "
                                    + JOIN_MILLIS / 1000 + " s after the stop");
                        }
                    }
                }
                if (result.timedOut()) {
                    meters.incidents().report("not done within " + workload.maxTime().toSeconds() + " s");
                }
            } finally {
                topology.delete(admin, meters.incidents());
            }
        }
        return new RunResult(context.scenario(), workload, context.target(), server,
                result.seconds(),
                result.cycles(), result.received(), result.rate(result.cycles()), result.rate(result.received()),
                result.endToEnd(), result.confirm(), result.cycle(), meters.incidents().summary(), null);
    }
}
