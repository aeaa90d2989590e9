package io.eventyard.homehub.alerts;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An alert a rule raised: active until {@code clearedAt} is set.
 *
 * @param summary  for people: the rule and the value that fired it
 * @param endedBy  {@code clear} when the clear condition held, {@code rule-changed} when its rule was changed or
 *                 deleted while it was active; null while active
 */
@Serdeable
@MappedEntity(value = "alert", escape = false)
public record Alert(@Id @GeneratedValue Long id, long ruleId, String sensorId, String severity, String summary,
                    Instant firedAt, double firedValue, @Nullable Instant clearedAt, @Nullable Double clearedValue,
                    @Nullable String endedBy) {

    Alert cleared(Instant at, @Nullable Double value, String by) {
        return new Alert(id, ruleId, sensorId, severity, summary, firedAt, firedValue, at, value, by);
    }
}
