package io.eventyard.bench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MqttBenchOptionsTest {

    @Test
    void eachLayoutHasItsOwnDefaults() {
        MqttBenchOptions options = MqttBenchOptions.parse("--target", "a=tcp://127.0.0.1:1", "--layout", "fan-in,fan-out,idle");

        assertThat(options.layouts()).containsExactly(Layout.FAN_IN, Layout.FAN_OUT, Layout.IDLE);
        MqttWorkload fanIn = options.workloadFor(Layout.FAN_IN);
        assertThat(fanIn.publishers()).isEqualTo(50);
        assertThat(fanIn.subscribers()).isEqualTo(1);
        assertThat(fanIn.qos()).isZero();
        assertThat(fanIn.rate()).isZero();
        MqttWorkload fanOut = options.workloadFor(Layout.FAN_OUT);
        assertThat(fanOut.publishers()).isEqualTo(1);
        assertThat(fanOut.subscribers()).isEqualTo(50);
        assertThat(options.workloadFor(Layout.IDLE).connections()).isEqualTo(10_000);
    }

    @Test
    void optionsOverrideEveryLayoutsDefaults() {
        MqttBenchOptions options = MqttBenchOptions.parse("--target", "a=tcp://127.0.0.1:1", "--qos=1",
                "--size", "256", "--rate", "max", "--duration", "2.5", "--warmup", "0", "--connections", "25_000",
                "--layout", "fan-out", "--subscribers", "7", "--quiet");

        MqttWorkload workload = options.workloadFor(Layout.FAN_OUT);
        assertThat(workload.qos()).isEqualTo(1);
        assertThat(workload.size()).isEqualTo(256);
        assertThat(workload.rate()).isZero();
        assertThat(workload.durationSeconds()).isEqualTo(2.5);
        assertThat(workload.warmupSeconds()).isZero();
        assertThat(workload.subscribers()).isEqualTo(7);
        assertThat(workload.connections()).isEqualTo(25_000);
        assertThat(options.quiet()).isTrue();
        assertThat(MqttBenchOptions.parse("--target", "a=tcp://127.0.0.1:1", "--rate", "200")
                .workloadFor(Layout.FAN_IN).rate()).isEqualTo(200);
    }

    @Test
    void targetsCarryTheirLoginAndPidsNameATarget() {
        MqttBenchOptions options = MqttBenchOptions.parse("--target", "bundled=tcp://guest:p%40ss@127.0.0.1:2",
                "--target", "tcp://localhost:3", "--pid", "bundled=4242");

        assertThat(options.targets()).containsExactly(
                new MqttTarget("bundled", "127.0.0.1", 2, "guest", "p@ss"),
                new MqttTarget("localhost:3", "localhost", 3, null, null));
        assertThat(options.targets().get(0).displayUri()).isEqualTo("tcp://guest:***@127.0.0.1:2");
        assertThat(options.pids()).containsEntry("bundled", 4242L);
    }

    @Test
    void badCommandLinesAreRefusedBeforeAnythingRuns() {
        for (List<String> args : List.of(
                List.<String>of(),
                List.of("--target", "a=amqp://127.0.0.1:1"),
                List.of("--target", "a=tcp://127.0.0.1"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--target", "a=tcp://127.0.0.1:2"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--qos", "3"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--size", "8"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--layout", "fan-sideways"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--pid", "b=1"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--rate", "fast"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--bogus", "1"),
                List.of("--target", "a=tcp://127.0.0.1:1", "--duration"))) {
            assertThatThrownBy(() -> MqttBenchOptions.parse(args.toArray(String[]::new)))
                    .as(String.join(" ", args)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
