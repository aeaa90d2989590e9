package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario end to end against the bundled broker in-process, small enough to take seconds: the
 * figures must add up and everything the run created must be gone afterwards. Nothing here judges speed.
 * With {@code AMQP_COMPAT_URI} set, the same runs also go to that broker (e.g. the local RabbitMQ).
 */
class AmqpBenchIT {

    @TempDir
    static Path dataDir;

    private static Broker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void countedStreamScenariosDeliverEveryMessageAndMeasureEach() throws Exception {
        for (Target target : targets()) {
            List<RunResult> results = run(target, "--scenario", "transient,persistent-confirms,fanout",
                    "--messages", "2000");

            for (RunResult result : results) {
                String what = result.scenario().label() + " @ " + target.name();
                long deliveries = 2000L * result.workload().deliveriesPerMessage();
                assertThat(result.failure()).as(what).isNull();
                assertThat(result.incidents()).as(what).isEmpty();
                assertThat(result.sent()).as(what).isEqualTo(2000);
                assertThat(result.received()).as(what).isEqualTo(deliveries);
                assertThat(result.endToEnd().count()).as(what).isEqualTo(deliveries);
                assertThat(result.confirm().count()).as(what)
                        .isEqualTo(result.workload().confirm() > 0 ? 2000 : 0);
            }
        }
    }

    @Test
    void timedScenarioMeasuresOnlyAfterTheWarmup() throws Exception {
        for (Target target : targets()) {
            RunResult result = run(target, "--scenario", "transient-paced", "--rate", "500",
                    "--warmup", "0.5", "--duration", "1").get(0);

            assertThat(result.failure()).isNull();
            assertThat(result.seconds()).isBetween(0.9, 2.0);
            // 500 msg/s for one second, give or take the edges of the window: the warm-up is not in it.
            assertThat(result.sent()).isBetween(300L, 700L);
            assertThat(result.endToEnd().count()).isPositive();
        }
    }

    @Test
    void shortConnectionsAreCountedAsCyclesWithTheirLatency() throws Exception {
        for (Target target : targets()) {
            RunResult result = run(target, "--scenario", "short-connections", "--producers", "2",
                    "--messages", "40").get(0);

            assertThat(result.failure()).isNull();
            assertThat(result.incidents()).isEmpty();
            assertThat(result.sent()).isEqualTo(40);
            assertThat(result.cycle().count()).isEqualTo(40);
            assertThat(result.confirm().count()).isEqualTo(40);
            assertThat(result.received()).isEqualTo(40);
        }
    }

    @Test
    void backlogIsFilledWithConfirmsThenDrained() throws Exception {
        for (Target target : targets()) {
            RunResult result = run(target, "--scenario", "backlog", "--messages", "5000").get(0);

            assertThat(result.failure()).isNull();
            assertThat(result.incidents()).isEmpty();
            assertThat(result.sent()).isEqualTo(5000);
            assertThat(result.received()).isEqualTo(5000);
            assertThat(result.confirm().count()).isEqualTo(5000);
            assertThat(result.endToEnd().isEmpty()).as("a backlog's age is not a latency").isTrue();
            assertThat(result.receivedRate()).isPositive();
        }
    }

    @Test
    void anUnreachableBrokerIsAFailedRunNotACrash() throws Exception {
        Target nowhere = new Target("nowhere", "amqp://guest:guest@127.0.0.1:1/%2F");

        RunResult result = AmqpBench.run(BenchOptions.parse("--uri", "nowhere=" + nowhere.uri(),
                "--scenario", "transient", "--messages", "10", "--quiet"), silent(), null).get(0);

        assertThat(result.isFailed()).isTrue();
        assertThat(result.failure()).contains("Connection refused");
    }

    /** Runs with a fresh run id and checks that none of the queues the runs declared is left. */
    private static List<RunResult> run(Target target, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--uri", target.name() + "=" + target.uri(), "--quiet"));
        args.addAll(List.of(options));
        BenchOptions parsed = BenchOptions.parse(args.toArray(String[]::new));
        String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);

        List<RunResult> results = AmqpBench.run(parsed, runId, silent(), null);

        for (RunResult result : results) {
            assertNothingLeft(target, AmqpBench.namePrefix(runId, result.scenario(), target), result.workload());
        }
        return results;
    }

    private static void assertNothingLeft(Target target, String prefix, Workload workload) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(target.uri());
        try (Connection connection = factory.newConnection("eventyard-bench-it")) {
            for (int i = 1; i <= workload.queues(); i++) {
                String queue = prefix + "-q" + i;
                Channel channel = connection.createChannel();
                assertThatThrownBy(() -> channel.queueDeclarePassive(queue))
                        .as("queue %s should be deleted", queue)
                        .hasStackTraceContaining("NOT_FOUND");
            }
            if (workload.fanout()) {
                Channel channel = connection.createChannel();
                assertThatThrownBy(() -> channel.exchangeDeclarePassive(prefix + "-fanout"))
                        .hasStackTraceContaining("NOT_FOUND");
            }
        }
    }

    private static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("bundled", "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F"));
        String compat = System.getenv("AMQP_COMPAT_URI");
        if (compat != null && !compat.isBlank()) {
            // The broker's suite writes this URI with a bare trailing slash and means the vhost "/".
            String uri = compat.trim().replaceFirst("(amqps?://[^/]+)/?$", "$1/%2F");
            targets.add(new Target("rabbitmq", uri));
        }
        return targets;
    }

    private static PrintStream silent() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
