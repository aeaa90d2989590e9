package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderLoadResultTest {

    @TempDir
    Path dir;

    static OrderLoadResult sample(String target, String workload, long placed, long shipped) {
        return new OrderLoadResult(target, workload, "RabbitMQ 3.10.8",
                "http://127.0.0.1:28081 and amqp://guest:***@127.0.0.1:29672/bench", 30, placed, shipped,
                placed + 100, 0, 2, 1.5, 60, 0,
                new LatencyPercentiles(placed, 120_000, 180_000, 410_000, 900_000, 1_250_000),
                new LatencyPercentiles(placed, 8_000, 12_500, 30_100, 55_000, 61_000),
                List.of("POST /orders answered 503 Service Unavailable (×3)"), "0 / 1", null);
    }

    @Test
    void survivesTheTripThroughAFile() throws IOException {
        OrderLoadResult result = sample("rabbitmq", "40 orders/s open loop (≤ 64 in flight), 30 s after 10 s warm-up",
                1200, 1195);
        Path file = dir.resolve("runs/rabbitmq-1.properties");

        result.write(file);

        assertThat(OrderLoadResult.read(file)).isEqualTo(result);
    }

    @Test
    void aFailedRunKeepsItsReason() throws IOException {
        OrderLoadResult failed = OrderLoadResult.failed(OrderLoadOptions.parse("--name", "bundled"),
                "ConnectException: Connection refused", List.of());
        Path file = dir.resolve("failed.properties");

        failed.write(file);

        OrderLoadResult read = OrderLoadResult.read(file);
        assertThat(read.isFailed()).isTrue();
        assertThat(read.failure()).isEqualTo("ConnectException: Connection refused");
        assertThat(read.target()).isEqualTo("bundled");
    }

    @Test
    void ratesAreCountsOverTheMeasuredWindow() {
        OrderLoadResult result = sample("bundled", "w", 1200, 1185);

        assertThat(result.placedRate()).isEqualTo(40.0);
        assertThat(result.shippedRate()).isEqualTo(39.5);
    }

    @Test
    void namesTheFileAndTheMissingFigure() throws IOException {
        Path file = dir.resolve("broken.properties");
        Files.writeString(file, "target=x\n");

        assertThatThrownBy(() -> OrderLoadResult.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("broken.properties").hasMessageContaining("no errors");
    }
}
