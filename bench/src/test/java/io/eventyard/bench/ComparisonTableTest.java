package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    private final Target bundled = new Target("bundled", "amqp://127.0.0.1:25673/%2F");
    private final Target rabbit = new Target("rabbitmq", "amqp://127.0.0.1:25672/%2F");
    private final Workload workload = Scenario.TRANSIENT.defaults();

    @Test
    void putsTargetsSideBySideWithTheRatioOfTheirRates() {
        Latency latency = new Latency(10, 410, 550, 1_200, 2_900, 7_800, 21_000);
        String table = new ComparisonTable(List.of(bundled, rabbit), List.of(Scenario.TRANSIENT), List.of(
                result(bundled, 30_000, latency, List.of()),
                result(rabbit, 20_000, latency, List.of("no delivery for 2 s (from t=3 s)")))).render();

        assertThat(table.lines()).first().isEqualTo("| scenario | metric | bundled | rabbitmq | bundled ÷ rabbitmq |");
        assertThat(table).contains("| sent msg/s | 30,000 | 20,000 | 1.50 |");
        assertThat(table).contains("| 0.410 / 0.550 / 1.20 / 2.90 / 7.80 / 21.0 |");
        assertThat(table).contains("| incidents | none | no delivery for 2 s (from t=3 s) |");
        assertThat(table).doesNotContain("confirm ms");
        assertThat(table).contains("- rabbitmq: RabbitMQ 3.10.8 at `amqp://127.0.0.1:25672/%2F`");
    }

    @Test
    void showsAFailedRunAsFailedWithItsReason() {
        String table = new ComparisonTable(List.of(bundled, rabbit), List.of(Scenario.TRANSIENT), List.of(
                RunResult.failed(Scenario.TRANSIENT, workload, bundled, "ConnectException: refused", List.of()),
                result(rabbit, 20_000, Latency.NONE, List.of()))).render();

        assertThat(table).contains("| sent msg/s | failed | 20,000 |  |");
        assertThat(table).contains("run failed: ConnectException: refused");
    }

    @Test
    void escapesPipesInsideCells() {
        String table = new ComparisonTable(List.of(rabbit), List.of(Scenario.TRANSIENT), List.of(
                result(rabbit, 1, Latency.NONE, List.of("a | b")))).render();

        assertThat(table).contains("a \\| b");
    }

    private RunResult result(Target target, double rate, Latency endToEnd, List<String> incidents) {
        return new RunResult(Scenario.TRANSIENT, workload, target, "RabbitMQ 3.10.8", 12, 1, 1, rate, rate, endToEnd,
                Latency.NONE, Latency.NONE, incidents, null);
    }
}
