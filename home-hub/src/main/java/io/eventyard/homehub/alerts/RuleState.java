package io.eventyard.homehub.alerts;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * Where a rule's evaluation stands, kept in a table so that a restart resumes it.
 *
 * @param lastMeasuredAt the newest reading seen; older ones arriving late are ignored
 * @param pendingSince   since when the pending condition has held: the trigger while no alert is active, the
 *                       clear condition while one is; null when it does not hold
 * @param activeAlertId  the alert that is firing, null when none
 */
@MappedEntity(value = "alert_rule_state", escape = false)
record RuleState(@Id Long ruleId, @Nullable Instant lastMeasuredAt, @Nullable Instant pendingSince,
                 @Nullable Long activeAlertId) {

    static RuleState fresh(long ruleId) {
        return new RuleState(ruleId, null, null, null);
    }
}
