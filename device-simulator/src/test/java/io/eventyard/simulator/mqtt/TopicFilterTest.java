package io.eventyard.simulator.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFilterTest {

    @Test
    void matchesLevelsAndWildcards() {
        assertThat(TopicFilter.matches("home/lights/kitchen/set", "home/lights/kitchen/set")).isTrue();
        assertThat(TopicFilter.matches("home/lights/+/set", "home/lights/kitchen/set")).isTrue();
        assertThat(TopicFilter.matches("home/#", "home/kitchen/temperature")).isTrue();
        assertThat(TopicFilter.matches("home/+", "home/kitchen/temperature")).isFalse();
        assertThat(TopicFilter.matches("home/lights/kitchen/set", "home/lights/kitchen")).isFalse();
        assertThat(TopicFilter.matches("home/lights/kitchen", "home/lights/kitchen/set")).isFalse();
    }

    @Test
    void readsBrokerUris() {
        assertThat(BrokerEndpoint.of("tcp://10.0.0.5:1999", "u", "p")).isEqualTo(new BrokerEndpoint("10.0.0.5", 1999, "u", "p"));
        assertThat(BrokerEndpoint.of("mqtt://broker", "u", "p").port()).isEqualTo(BrokerEndpoint.DEFAULT_PORT);
    }
}
