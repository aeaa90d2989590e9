package io.eventyard.simulator.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepResultTest {

    @Test
    void rendersAMarkdownRowWithPercentiles() {
        var lag = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            lag.recordValue(i);
        }

        var row = new StepResult("1000", 998.4, 990.6, 12, 0, lag, null, "broker 50%").row();

        assertThat(row).isEqualTo("| 1000 | 998 | 991 | 12 | 0 | 50 / 99 / 100 | - | broker 50% |");
        assertThat(StepResult.header().lines().findFirst().orElseThrow().split("\\|")).hasSize(9);
    }

    @Test
    void readsItsOwnCpuTimeAndParsesWatchSpecs() {
        var self = new ProcessCpu("self", ProcessHandle.current().pid());

        assertThat(ProcessCpu.parse("home-hub=42")).isEqualTo(new ProcessCpu("home-hub", 42));
        assertThatThrownBy(() -> ProcessCpu.parse("42")).isInstanceOf(IllegalArgumentException.class);
        if (System.getProperty("os.name").equals("Linux")) {
            assertThat(self.seconds()).isPositive();
        }
        assertThat(new ProcessCpu("gone", Long.MAX_VALUE).seconds()).isEqualTo(-1);
    }
}
