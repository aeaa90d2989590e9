package io.eventyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.rabbitmq.client.Connection;

/**
 * Fills the queues with the workload's message count while no one consumes (with confirms, so the fill
 * ends when the broker holds every message), then subscribes the consumers and times the drain.
 * End-to-end latency is not recorded: a message's age says how long it waited in the backlog, nothing more.
 */
final class BacklogRunner implements ScenarioRunner {

    private static final long CONFIRM_GRACE_MILLIS = 5_000;

    @Override
    public RunResult run(RunContext context) throws Exception {
        Workload workload = context.workload();
        if (!workload.counted()) {
            throw new IllegalArgumentException("the backlog scenario needs --messages");
        }
        if (workload.consumers() == 0) {
            throw new IllegalArgumentException("the backlog scenario needs at least one consumer to drain");
        }
        RunMeters meters = context.meters();
        String server;
        MeasuredPhase.Result fill;
        MeasuredPhase.Result drain = null;
        try (ClientConnections adminClient = new ClientConnections(context.target(), meters.incidents())) {
            Connection admin = adminClient.open("admin");
            server = ClientConnections.serverOf(admin);
            Topology topology = Topology.declare(admin, context.prefix(), workload);
            // Workers close before the topology is deleted, so that no consumer sees its queue vanish.
            try (ClientConnections clients = new ClientConnections(context.target(), meters.incidents())) {
                ProducerGroup producers = new ProducerGroup(clients, topology, workload, meters);
                try {
                    fill = context.phase("fill").run(new MeasuredPhase.Plan(Duration.ZERO, null,
                            () -> producers.finished() && producers.allAnswered(), workload.maxTime(),
                            meters.sent(), "no publish"), producers::start);
                } finally {
                    producers.stop();
                }
                producers.awaitConfirms(CONFIRM_GRACE_MILLIS);
                if (fill.timedOut()) {
                    meters.incidents().report("fill not done within " + workload.maxTime().toSeconds() + " s");
                } else {
                    long expected = meters.sent().count() * workload.deliveriesPerMessage();
                    ConsumerGroup consumers = new ConsumerGroup(clients, topology, workload, meters, false);
                    drain = context.phase("drain").run(new MeasuredPhase.Plan(Duration.ZERO, null,
                            () -> meters.received().count() >= expected, workload.maxTime(),
                            meters.received(), "no delivery"), () -> subscribe(consumers));
                    if (drain.timedOut()) {
                        meters.incidents().report("drain not done within " + workload.maxTime().toSeconds()
                                + " s: " + meters.received().count() + " of " + expected + " delivered");
                    }
                }
            } finally {
                topology.delete(admin, meters.incidents());
            }
        }
        double seconds = fill.seconds() + (drain == null ? 0 : drain.seconds());
        return new RunResult(context.scenario(), workload, context.target(), server,
                seconds,
                fill.sent(), drain == null ? 0 : drain.received(),
                fill.rate(fill.sent()), drain == null ? 0 : drain.rate(drain.received()),
                Latency.NONE, fill.confirm(), Latency.NONE, meters.incidents().summary(), null);
    }

    private static void subscribe(ConsumerGroup consumers) {
        try {
            consumers.subscribe();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
