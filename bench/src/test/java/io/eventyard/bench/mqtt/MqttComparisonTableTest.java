package io.eventyard.bench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.eventyard.bench.orders.LatencyPercentiles;
import org.junit.jupiter.api.Test;

class MqttComparisonTableTest {

    private static final MqttWorkload FAN_IN_QOS1 = new MqttWorkload(Layout.FAN_IN, 50, 1, 1, 64, 0, 100, 5, 20, 1, 30, 0);
    private static final MqttWorkload IDLE = MqttWorkload.defaults(Layout.IDLE);

    @Test
    void putsTargetsSideBySideWithTheirRatio() {
        LatencyPercentiles latency = new LatencyPercentiles(100, 500, 900, 2_000, 3_000, 4_000);
        List<MqttResult> results = List.of(
                new MqttResult(Layout.FAN_IN, FAN_IN_QOS1, "bundled", null, 20, 2_000_000, 2_000_000, latency, latency, 0, 0, null, List.of()),
                new MqttResult(Layout.FAN_IN, FAN_IN_QOS1, "mosquitto", null, 20, 1_000_000, 800_000, latency, latency, 12, 3, null,
                        List.of("connection lost: closed")));

        String table = new MqttComparisonTable(List.of("bundled", "mosquitto"), List.of(Layout.FAN_IN), results).render();

        assertThat(table).startsWith("| workload | metric | bundled | mosquitto | bundled ÷ mosquitto |\n| --- | --- | ---: | ---: | ---: |\n");
        assertThat(table).contains("| **fan-in, QoS 1**<br>50 publishers → 1 subscriber, QoS 1, 64 B, max rate (100 in flight each), 20 s after 5 s warm-up | sent msg/s | 100,000 | 50,000 | 2.00 |");
        assertThat(table).contains("|  | received msg/s | 100,000 | 40,000 | 2.50 |");
        assertThat(table).contains("|  | end-to-end ms, p50 / p90 / p99 / p99.9 / max | 0.500 / 0.900 / 2.00 / 3.00 / 4.00 |");
        assertThat(table).contains("|  | publish → PUBACK ms, ");
        assertThat(table).contains("|  | lost / duplicates | 0 / 0 | 12 / 3 |  |");
        assertThat(table).contains("|  | incidents | none | connection lost: closed |  |");
    }

    @Test
    void idleRowsGiveTheCostOfAConnectionAndWhatAFailedRunSays() {
        IdleFigures figures = new IdleFigures(10_000, 10_000, 0, 2.0, 3_000,
                20L * 1024 * 1024, 20L * 1024 * 1024 + 30_000_000L, null, null, 10_004);
        List<MqttResult> results = List.of(
                new MqttResult(Layout.IDLE, IDLE, "bundled", null, 20, 0, 0, LatencyPercentiles.NONE,
                        LatencyPercentiles.NONE, 0, 0, figures, List.of()),
                MqttResult.failed(IDLE, "mosquitto", "Connection refused", List.of()));

        String table = new MqttComparisonTable(List.of("bundled", "mosquitto"), List.of(Layout.IDLE), results).render();

        assertThat(figures.heapPerConnection()).isEqualTo(3_000.0);
        assertThat(table).contains("| connections held | 10,000 of 10,000 | failed: Connection refused | – |");
        assertThat(table).contains("|  | heap per connection | 3,000 B | – |  |");
        assertThat(table).contains("|  | **connections per GiB of heap** | 357,914 | – |  |");
        assertThat(table).contains("|  | resident per connection | – | – |  |");
        assertThat(table).contains("|  | broker's open sockets while holding | 10,004 | – |  |");
    }
}
