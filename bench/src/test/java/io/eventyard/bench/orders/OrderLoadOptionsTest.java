package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OrderLoadOptionsTest {

    @Test
    void defaultsToTwentyOrdersASecondOnTheLocalStack() {
        OrderLoadOptions options = OrderLoadOptions.parse();

        assertThat(options.openLoop()).isTrue();
        assertThat(options.rate()).isEqualTo(20);
        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.ordersEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8081/orders"));
        // the stack's own defaults: order-service on 8081 and the bundled broker on its standard AMQP port
        assertThat(options.amqpUri()).isEqualTo(OrderLoadOptions.DEFAULT_AMQP_URI);
        assertThat(options.paymentToken()).isEqualTo("tok_approve");
        assertThat(options.resultFile()).isNull();
    }

    @Test
    void maxRateMeansAFixedNumberOfSenders() {
        OrderLoadOptions defaults = OrderLoadOptions.parse("--rate", "max");
        OrderLoadOptions sixteen = OrderLoadOptions.parse("--rate=max", "--concurrency=16");

        assertThat(defaults.openLoop()).isFalse();
        assertThat(defaults.concurrency()).isEqualTo(8);
        assertThat(sixteen.concurrency()).isEqualTo(16);
        assertThat(sixteen.describe()).isEqualTo("as fast as possible, 16 concurrent, 30 s after 10 s warm-up");
    }

    @Test
    void takesEveryOptionWithOrWithoutEqualsSign() {
        OrderLoadOptions options = OrderLoadOptions.parse("--name", "bundled", "--order-url=http://127.0.0.1:28081/",
                "--amqp-uri", "amqp://guest:secret@127.0.0.1:25673/%2F", "--rate", "12.5", "--concurrency", "4",
                "--duration", "5", "--warmup=0.5s", "--drain-timeout", "20", "--payment-token", "tok_decline",
                "--result-file", "target/run.properties", "--quiet");

        assertThat(options.name()).isEqualTo("bundled");
        assertThat(options.ordersEndpoint()).isEqualTo(URI.create("http://127.0.0.1:28081/orders"));
        assertThat(options.rate()).isEqualTo(12.5);
        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.resultFile()).isEqualTo(Path.of("target/run.properties"));
        assertThat(options.quiet()).isTrue();
        assertThat(options.displayAmqpUri()).isEqualTo("amqp://guest:***@127.0.0.1:25673/%2F");
        assertThat(options.describe())
                .isEqualTo("12.5 orders/s open loop (≤ 4 in flight), 5 s after 0.5 s warm-up, token tok_decline");
    }

    @Test
    void describesARateRunWithoutNeedlessDecimals() {
        assertThat(OrderLoadOptions.parse("--rate", "40", "--warmup", "0").describe())
                .isEqualTo("40 orders/s open loop (≤ 64 in flight), 30 s after 0 s warm-up");
    }

    @Test
    void rejectsWhatCannotBeRun() {
        assertThatThrownBy(() -> OrderLoadOptions.parse("--rate", "0")).hasMessageContaining("--rate must be positive");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--rate", "fast")).hasMessageContaining("--rate must be a number");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--concurrency", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--duration", "0")).hasMessageContaining("--duration must be positive");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--warmup", "-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--order-url", "127.0.0.1:8081"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--amqp-uri", "localhost")).hasMessageContaining("amqp://");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--payment-token", "visa")).hasMessageContaining("tok_");
    }

    @Test
    void rejectsUnknownOptionsStrayWordsAndMissingValues() {
        assertThatThrownBy(() -> OrderLoadOptions.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> OrderLoadOptions.parse("fast")).hasMessageContaining("unexpected argument fast");
        assertThatThrownBy(() -> OrderLoadOptions.parse("--rate")).hasMessageContaining("--rate needs a value");
    }
}
