package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void takesPercentilesFromTheHistogram() {
        Histogram micros = new Histogram(Meter.HIGHEST_MICROS, 3);
        for (int value = 1; value <= 1000; value++) {
            micros.recordValue(value);
        }

        Latency latency = Latency.of(micros);

        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50()).isEqualTo(500);
        assertThat(latency.p99()).isEqualTo(990);
        assertThat(latency.p999()).isEqualTo(999);
        assertThat(latency.max()).isEqualTo(1000);
    }

    @Test
    void anEmptyHistogramIsNoLatencyShownAsADash() {
        Latency latency = Latency.of(new Histogram(Meter.HIGHEST_MICROS, 3));

        assertThat(latency.isEmpty()).isTrue();
        assertThat(latency.toMillisRow()).isEqualTo("–");
    }

    @Test
    void showsMillisecondsWithAboutThreeSignificantDigits() {
        assertThat(Latency.millis(412)).isEqualTo("0.412");
        assertThat(Latency.millis(3_214)).isEqualTo("3.21");
        assertThat(Latency.millis(45_120)).isEqualTo("45.1");
        assertThat(Latency.millis(1_234_000)).isEqualTo("1234");
    }
}
