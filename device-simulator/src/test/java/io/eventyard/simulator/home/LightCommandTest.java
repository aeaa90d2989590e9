package io.eventyard.simulator.home;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LightCommandTest {

    private static final Instant AT = Instant.parse("2026-11-22T20:00:00Z");
    private static final LightState OFF = new LightState(false, 100, AT);

    @Test
    void switchesAndDimsFromJson() {
        var state = OFF.apply(LightCommand.parse("{\"on\":true,\"brightness\":40}"), AT);

        assertThat(state).isEqualTo(new LightState(true, 40, AT));
        assertThat(state.payload()).isEqualTo("{\"on\":true,\"brightness\":40,\"ts\":\"2026-11-22T20:00:00Z\"}");
    }

    @Test
    void keepsWhatTheCommandDoesNotMention() {
        var on = new LightState(true, 70, AT);

        assertThat(on.apply(LightCommand.parse("{\"brightness\":10}"), AT)).isEqualTo(new LightState(true, 10, AT));
        assertThat(on.apply(LightCommand.parse("{\"state\":\"OFF\"}"), AT)).isEqualTo(new LightState(false, 70, AT));
    }

    @Test
    void acceptsBareWords() {
        assertThat(OFF.apply(LightCommand.parse("ON"), AT).on()).isTrue();
        assertThat(OFF.apply(LightCommand.parse(" toggle "), AT).on()).isTrue();
        assertThat(new LightState(true, 5, AT).apply(LightCommand.parse("off"), AT).on()).isFalse();
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> LightCommand.parse("dim")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LightCommand.parse("{\"on\":\"yes\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LightCommand.parse("{\"brightness\":101}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LightCommand.parse("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LightCommand.parse("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
