package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToLocalRabbitMqAndEveryScenarioButCustom() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.targets()).containsExactly(new Target("rabbitmq", BenchOptions.DEFAULT_URI));
        assertThat(options.scenarios()).containsExactly(Scenario.TRANSIENT, Scenario.TRANSIENT_PACED,
                Scenario.PERSISTENT_CONFIRMS, Scenario.FANOUT, Scenario.SHORT_CONNECTIONS, Scenario.BACKLOG);
    }

    @Test
    void keepsTargetsInTheOrderGivenWithTheirNames() {
        BenchOptions options = BenchOptions.parse("--uri", "bundled=amqp://guest:guest@127.0.0.1:25673/%2F",
                "--uri=amqp://u:p@localhost:25674/%2F");

        assertThat(options.targets()).extracting(Target::name).containsExactly("bundled", "localhost:25674");
    }

    @Test
    void appliesOverridesOverEachScenariosDefaults() {
        BenchOptions options = BenchOptions.parse("--scenario", "transient,fanout", "--size", "4000",
                "--duration", "5", "--persistent");

        Workload transientRun = options.workloadFor(Scenario.TRANSIENT);
        Workload fanout = options.workloadFor(Scenario.FANOUT);
        assertThat(transientRun.size()).isEqualTo(4000);
        assertThat(transientRun.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(transientRun.persistent()).isTrue();
        assertThat(fanout.queues()).isEqualTo(10);
        assertThat(fanout.size()).isEqualTo(4000);
    }

    @Test
    void messagesSwitchesToACountedRunAndDurationBack() {
        assertThat(BenchOptions.parse("--messages", "500").workloadFor(Scenario.TRANSIENT).counted()).isTrue();
        assertThat(BenchOptions.parse("--messages", "500", "--duration", "2").workloadFor(Scenario.TRANSIENT)
                .counted()).isFalse();
    }

    @Test
    void multiAckImpliesManualAck() {
        Workload workload = BenchOptions.parse("--multi-ack", "10").workloadFor(Scenario.TRANSIENT);

        assertThat(workload.autoAck()).isFalse();
        assertThat(workload.multiAck()).isEqualTo(10);
    }

    @Test
    void rejectsMultiAckThatPrefetchNeverReaches() {
        assertThatThrownBy(() -> BenchOptions.parse("--scenario", "persistent-confirms", "--multi-ack", "1000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefetch 500");
    }

    @Test
    void rejectsUnknownOptionsAndScenarios() {
        assertThatThrownBy(() -> BenchOptions.parse("--colour", "red"))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> BenchOptions.parse("--scenario", "warp"))
                .hasMessageContaining("unknown scenario warp");
    }

    @Test
    void rejectsBodiesTooSmallForTheTimestamp() {
        assertThatThrownBy(() -> BenchOptions.parse("--size", "4"))
                .hasMessageContaining("size must be at least 8");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> BenchOptions.parse("--producers"))
                .hasMessageContaining("--producers needs a value");
    }
}
