package io.eventyard.homehub.alerts;

import java.time.Instant;
import java.util.Objects;

import io.eventyard.homehub.telemetry.Reading;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * Moves each rule of a reading's sensor through its states: idle, trigger pending, firing, clear pending.
 * Time is the readings' {@code measuredAt}, never the wall clock: the alert fires on the first reading at least
 * {@code duration} after the trigger started to hold, so a sensor that stops reporting never fires or clears.
 * Callers serialise evaluations ({@link RuleLock}).
 */
@Singleton
class AlertEvaluator {

    private final AlertRuleRepository rules;
    private final RuleStateRepository states;
    private final AlertRepository alerts;
    private final AlertNotifier notifier;

    AlertEvaluator(AlertRuleRepository rules, RuleStateRepository states, AlertRepository alerts,
                   AlertNotifier notifier) {
        this.rules = rules;
        this.states = states;
        this.alerts = alerts;
        this.notifier = notifier;
    }

    /** @return whether an alert fired or cleared, so that there is something to publish */
    @Transactional
    boolean evaluate(Reading reading) {
        boolean changed = false;
        for (AlertRule rule : rules.findBySensorIdOrderById(reading.sensorId())) {
            RuleState state = states.findById(rule.id()).orElse(null);
            boolean known = state != null;
            if (!known) {
                state = RuleState.fresh(rule.id());
            }
            Instant at = reading.measuredAt();
            if (state.lastMeasuredAt() != null && at.isBefore(state.lastMeasuredAt())) {
                continue; // late and out of order: the rule has already moved past it
            }
            RuleState next = state.activeAlertId() == null ? whileIdle(rule, state, reading)
                    : whileFiring(rule, state, reading);
            changed |= !Objects.equals(next.activeAlertId(), state.activeAlertId());
            if (known) {
                states.update(next);
            } else {
                states.save(next);
            }
        }
        return changed;
    }

    private RuleState whileIdle(AlertRule rule, RuleState state, Reading reading) {
        Instant at = reading.measuredAt();
        if (!rule.triggeredBy(reading.value())) {
            return new RuleState(rule.id(), at, null, null);
        }
        Instant since = state.pendingSince() == null ? at : state.pendingSince();
        if (at.isBefore(since.plus(rule.holdFor()))) {
            return new RuleState(rule.id(), at, since, null);
        }
        String summary = rule.describe() + " (" + reading.value() + (reading.unit() == null ? "" : " " + reading.unit())
                + ")";
        Alert alert = alerts.save(new Alert(null, rule.id(), rule.sensorId(), rule.severity(), summary, at,
                reading.value(), null, null, null));
        notifier.fired(rule, alert);
        return new RuleState(rule.id(), at, null, alert.id());
    }

    private RuleState whileFiring(AlertRule rule, RuleState state, Reading reading) {
        Instant at = reading.measuredAt();
        if (!rule.clearedBy(reading.value())) {
            return new RuleState(rule.id(), at, null, state.activeAlertId());
        }
        Instant since = state.pendingSince() == null ? at : state.pendingSince();
        if (at.isBefore(since.plus(rule.clearFor()))) {
            return new RuleState(rule.id(), at, since, state.activeAlertId());
        }
        alerts.findById(state.activeAlertId()).ifPresent(active -> {
            Alert cleared = alerts.update(active.cleared(at, reading.value(), "clear"));
            notifier.cleared(rule, cleared);
        });
        return new RuleState(rule.id(), at, null, null);
    }
}
