package io.eventyard.homehub.alerts;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON published on {@code alerts/{severity}/{ruleId}}, retained: the topic always holds the rule's latest
 * transition, so a subscriber learns at once whether the alert is firing.
 *
 * @param state      {@code firing} or {@code cleared}
 * @param value      the reading that caused this transition
 * @param at         its {@code measuredAt}
 */
@Serdeable
public record AlertMessage(long alertId, long ruleId, String state, String severity, String sensorId,
                           String operator, double threshold, double value, String summary, Instant at,
                           Instant firedAt, @Nullable Instant clearedAt) {
}
