package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void masksThePasswordForPrinting() {
        Target target = Target.parse("rabbitmq=amqp://guest:secret@127.0.0.1:25672/%2F");

        assertThat(target.displayUri()).isEqualTo("amqp://guest:***@127.0.0.1:25672/%2F");
    }

    @Test
    void namesABareUriAfterHostAndPort() {
        assertThat(Target.parse("amqp://127.0.0.1:5673/%2F").name()).isEqualTo("127.0.0.1:5673");
    }

    @Test
    void keepsQueryParametersOfANamedUri() {
        Target target = Target.parse("b=amqp://127.0.0.1:5673/%2F?heartbeat=5");

        assertThat(target.uri()).isEqualTo("amqp://127.0.0.1:5673/%2F?heartbeat=5");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> Target.parse("x=http://127.0.0.1/")).isInstanceOf(IllegalArgumentException.class);
    }
}
