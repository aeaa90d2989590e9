package io.eventyard.homehub.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * Rule changes. Changing or deleting a rule restarts it: its evaluation state goes, an alert it left active
 * ends as withdrawn, and its retained MQTT message is removed (the topic names the severity, which may change).
 * Callers hold {@link RuleLock}.
 */
@Singleton
class AlertRules {

    private final AlertRuleRepository rules;
    private final RuleStateRepository states;
    private final AlertRepository alerts;
    private final AlertNotifier notifier;

    AlertRules(AlertRuleRepository rules, RuleStateRepository states, AlertRepository alerts, AlertNotifier notifier) {
        this.rules = rules;
        this.states = states;
        this.alerts = alerts;
        this.notifier = notifier;
    }

    List<AlertRule> all() {
        return rules.listOrderById();
    }

    Optional<AlertRule> find(long id) {
        return rules.findById(id);
    }

    @Transactional
    AlertRule create(AlertRule rule) {
        return rules.save(rule);
    }

    @Transactional
    Optional<AlertRule> replace(long id, AlertRule rule) {
        return rules.findById(id).map(old -> {
            restart(old);
            return rules.update(rule);
        });
    }

    @Transactional
    boolean delete(long id) {
        Optional<AlertRule> old = rules.findById(id);
        old.ifPresent(rule -> {
            restart(rule);
            rules.deleteById(id);
        });
        return old.isPresent();
    }

    private void restart(AlertRule old) {
        Alert ended = states.findById(old.id())
                .flatMap(state -> state.activeAlertId() == null ? Optional.empty() : alerts.findById(state.activeAlertId()))
                .map(active -> alerts.update(active.cleared(Instant.now(), null, "rule-changed")))
                .orElse(null);
        states.deleteById(old.id());
        notifier.withdrawn(old, ended);
    }
}
