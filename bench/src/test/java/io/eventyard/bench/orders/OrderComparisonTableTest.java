package io.eventyard.bench.orders;

import static io.eventyard.bench.orders.OrderLoadResultTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OrderComparisonTableTest {

    private static final String PACED = "40 orders/s open loop (≤ 64 in flight), 30 s after 10 s warm-up";
    private static final String MAX = "as fast as possible, 16 concurrent, 30 s after 10 s warm-up";

    @Test
    void putsTwoTargetsSideBySideWithTheRatioOfTheirRates() {
        String table = new OrderComparisonTable(List.of(
                sample("bundled", PACED, 1200, 1194), sample("rabbitmq", PACED, 1200, 1200))).render();

        assertThat(table.lines()).first()
                .isEqualTo("| workload | metric | bundled | rabbitmq | bundled ÷ rabbitmq |");
        assertThat(table).contains("| **" + PACED + "** | orders placed/s | 40.0 | 40.0 | 1.00 |")
                .contains("|  | orders SHIPPED/s | 39.8 | 40.0 | 0.99 |")
                .contains("|  | placed → SHIPPED ms, p50 / p90 / p99 / p99.9 / max | 120 / 180 / 410 / 900 / 1250 |")
                .contains("|  | POST /orders ms, p50 / p90 / p99 / p99.9 / max | 8.00 / 12.5 / 30.1 / 55.0 / 61.0 |")
                .contains("|  | not SHIPPED 60 s after the last order | 2 of 1,300 | 2 of 1,300 |  |")
                .contains("|  | parked in shop.dead / email.dead | 0 / 1 | 0 / 1 |  |")
                .contains("|  | errors | POST /orders answered 503 Service Unavailable (×3) |")
                .contains("- rabbitmq: RabbitMQ 3.10.8, http://127.0.0.1:28081 and amqp://guest:***@127.0.0.1:29672/bench")
                .doesNotContain("behind schedule").doesNotContain("duplicate");
    }

    @Test
    void oneBlockPerWorkloadInTheOrderRun() {
        String table = new OrderComparisonTable(List.of(
                sample("bundled", PACED, 1200, 1200), sample("bundled", MAX, 9000, 8700),
                sample("rabbitmq", PACED, 1200, 1200), sample("rabbitmq", MAX, 6000, 6000))).render();

        assertThat(table.indexOf(PACED)).isLessThan(table.indexOf(MAX));
        assertThat(table).contains("| **" + MAX + "** | orders placed/s | 300 | 200 | 1.50 |")
                .contains("|  | orders SHIPPED/s | 290 | 200 | 1.45 |");
        assertThat(table.lines().filter(line -> line.startsWith("- "))).hasSize(2);
    }

    @Test
    void aFailedRunShowsWhyAndNoFigures() {
        OrderLoadResult failed = OrderLoadResult.failed(OrderLoadOptions.parse("--name", "rabbitmq", "--rate", "40"),
                "IOException: order-service does not answer", List.of());
        String table = new OrderComparisonTable(List.of(sample("bundled", PACED, 1200, 1200), failed)).render();

        assertThat(table).contains("| orders placed/s | 40.0 | failed |  |")
                .contains("| errors | POST /orders answered 503 Service Unavailable (×3) | run failed: IOException: order-service does not answer |  |")
                .contains("- rabbitmq: unknown broker");
    }

    @Test
    void showsOrdersLeftUnsentAndDuplicatesOnlyWhenThereAreAny() {
        OrderLoadResult behind = new OrderLoadResult("bundled", PACED, "b", "e", 30, 900, 900, 1000, 300, 0, 0.2, 60,
                4, LatencyPercentiles.NONE, LatencyPercentiles.NONE, List.of(), "0 / 0", null);

        String table = new OrderComparisonTable(List.of(behind)).render();

        assertThat(table).contains("|  | orders due but not sent (behind schedule) | 300 |")
                .contains("|  | duplicate order.shipped | 4 |")
                .contains("|  | placed → SHIPPED ms, p50 / p90 / p99 / p99.9 / max | – |")
                .contains("|  | errors | none |")
                .doesNotContain("parked")
                .doesNotContain("÷");
    }
}
