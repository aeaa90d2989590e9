package io.eventyard.simulator.cli;

import io.eventyard.simulator.home.Cadence;
import io.eventyard.simulator.mqtt.BrokerEndpoint;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorCommandTest {

    private static SimulationSettings parse(String... args) {
        var command = new SimulatorCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void defaultsToOneRealisticHomeAndThreeVehicles() {
        var settings = parse();

        assertThat(settings.homes()).isEqualTo(1);
        assertThat(settings.vehicles()).isEqualTo(3);
        assertThat(settings.homeSettings().cadence()).isInstanceOf(Cadence.Realistic.class);
        assertThat(settings.positionInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.chaosInterval()).isNull();
        assertThat(settings.user()).isEqualTo(System.getenv().getOrDefault("MQTT_USER", "guest"));
    }

    @Test
    void readsEveryOption() {
        var settings = parse("--mqtt-uri", "tcp://broker.example:1999", "--user", "u", "--password", "p",
                "--homes", "3", "--vehicles", "0", "--rate", "360", "--qos", "0", "--chaos", "--chaos-interval", "PT5S",
                "--duration", "PT1M", "--seed", "42", "--threads", "4");

        assertThat(settings.broker()).isEqualTo(new BrokerEndpoint("broker.example", 1999, "u", "p"));
        assertThat(settings.homeSettings().cadence()).isEqualTo(new Cadence.Fixed(Duration.ofMillis(100)));
        assertThat(settings.chaosInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.threads()).isEqualTo(4);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> parse("--qos", "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--rate", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--homes", "-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--homes", "many")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--mqtt-uri", "http://x:1").broker())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
