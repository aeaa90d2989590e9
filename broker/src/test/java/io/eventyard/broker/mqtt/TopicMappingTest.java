package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicMappingTest {

    @Test
    void levelsBecomeWordsAndDotsSwapWithSlashes() {
        assertThat(TopicMapping.routingKey("home/kitchen/temp")).isEqualTo("home.kitchen.temp");
        assertThat(TopicMapping.routingKey("fw/v1.2/x")).isEqualTo("fw.v1/2.x");
        assertThat(TopicMapping.topic("fw.v1/2.x")).isEqualTo("fw/v1.2/x");
        // empty levels stay empty words
        assertThat(TopicMapping.routingKey("a//b")).isEqualTo("a..b");
        assertThat(TopicMapping.routingKey("/a")).isEqualTo(".a");
    }

    @Test
    void filtersBecomeBindingKeys() {
        assertThat(TopicMapping.bindingKey("home/#")).isEqualTo("home.#");
        assertThat(TopicMapping.bindingKey("fleet/vehicle/+/location")).isEqualTo("fleet.vehicle.*.location");
        assertThat(TopicMapping.bindingKey("+")).isEqualTo("*");
        assertThat(TopicMapping.bindingKey("fw/v1.2/+")).isEqualTo("fw.v1/2.*");
    }

    @Test
    void invalidFiltersHaveNoBindingKey() {
        assertThat(TopicMapping.bindingKey("")).isNull();
        assertThat(TopicMapping.bindingKey("a/#/b")).isNull();
        assertThat(TopicMapping.bindingKey("a/b+")).isNull();
        assertThat(TopicMapping.bindingKey("a#")).isNull();
    }

    @Test
    void dollarTopicsEscapeLeadingWildcardsOnly() {
        assertThat(TopicMapping.matches("#", "$SYS/x")).isFalse();
        assertThat(TopicMapping.matches("+/x", "$SYS/x")).isFalse();
        assertThat(TopicMapping.matches("$SYS/#", "$SYS/x")).isTrue();
        assertThat(TopicMapping.matches("a/#", "a")).isTrue();
        assertThat(TopicMapping.matches("a/+", "a/")).isTrue();
        assertThat(TopicMapping.matches("a/+", "a/b/c")).isFalse();
    }
}
