package io.eventyard.bench;

import java.time.Duration;

import com.rabbitmq.client.Connection;

/**
 * Producers and consumers running at once: for a time after a warm-up, or until a message count has been
 * published and consumed (then without warm-up, and both rates are over the whole window).
 */
final class StreamRunner implements ScenarioRunner {

    private static final long CONFIRM_GRACE_MILLIS = 5_000;

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
                ProducerGroup producers = new ProducerGroup(clients, topology, workload, meters);
                MeasuredPhase.Plan plan = new MeasuredPhase.Plan(
                        workload.counted() ? Duration.ZERO : workload.warmup(),
                        workload.counted() ? null : workload.duration(),
                        () -> producers.finished() && producers.allAnswered() && (consumers.isEmpty()
                                || meters.received().count()
                                        >= meters.sent().count() * workload.deliveriesPerMessage()),
                        workload.maxTime(),
                        consumers.isEmpty() ? meters.sent() : meters.received(),
                        consumers.isEmpty() ? "no publish" : "no delivery");
                try {
                    result = context.phase("").run(plan, producers::start);
                } finally {
                    producers.stop();
                }
                producers.awaitConfirms(CONFIRM_GRACE_MILLIS);
                if (result.timedOut()) {
                    meters.incidents().report("not done within " + workload.maxTime().toSeconds() + " s");
                }
            } finally {
                topology.delete(admin, meters.incidents());
            }
        }
        return new RunResult(context.scenario(), workload, context.target(), server,
                result.seconds(),
                result.sent(), result.received(), result.rate(result.sent()), result.rate(result.received()),
                result.endToEnd(), result.confirm(), Latency.NONE, meters.incidents().summary(), null);
    }
}
