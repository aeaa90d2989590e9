package io.eventyard.homehub.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.eventyard.homehub.events.EventLog;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.messaging.outbox.Outbox;
import io.eventyard.messaging.outbox.OutgoingMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * Tells the world about an alert's change, in the transaction that makes the change: the event log, the MQTT
 * notice (published after the commit by {@link AlertNoticeRelay}) and the e-mail command (the messaging kit's
 * outbox). Either the change and all three are committed, or none is.
 */
@Singleton
class AlertNotifier {

    static final String TEMPLATE = "alert";

    private final EventLog log;
    private final AlertNoticeRepository notices;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final AlertSettings settings;

    AlertNotifier(EventLog log, AlertNoticeRepository notices, Outbox outbox, ObjectMapper json,
                  AlertSettings settings) {
        this.log = log;
        this.notices = notices;
        this.outbox = outbox;
        this.json = json;
        this.settings = settings;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void fired(AlertRule rule, Alert alert) {
        announce(rule, alert, "firing", "fired", alert.firedValue(), alert.firedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void cleared(AlertRule rule, Alert alert) {
        announce(rule, alert, "cleared", "cleared", alert.clearedValue(), alert.clearedAt());
    }

    /**
     * The rule was changed or deleted: its retained message goes (an empty retained payload deletes it), and an
     * alert it left active is logged as withdrawn. Nobody is mailed: a person did this.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void withdrawn(AlertRule rule, @Nullable Alert ended) {
        notices.save(new AlertNotice(null, rule.topic(), "", 0));
        if (ended != null) {
            log.record(new HubEvent("alert.withdrawn", rule.sensorId(), "rule changed or deleted: " + ended.summary(),
                    ended.severity(), ended.clearedAt()));
        }
    }

    private void announce(AlertRule rule, Alert alert, String state, String transition, double value, Instant at) {
        log.record(new HubEvent("alert." + transition, alert.sensorId(), transition + ": " + alert.summary(),
                alert.severity(), at));
        AlertMessage message = new AlertMessage(alert.id(), rule.id(), state, alert.severity(), alert.sensorId(),
                rule.operator(), rule.threshold(), value, alert.summary(), at, alert.firedAt(), alert.clearedAt());
        notices.save(new AlertNotice(null, rule.topic(), write(message), 0));
        if (settings.emailTo() != null && !settings.emailTo().isBlank()) {
            String messageId = "home-hub:alert:" + alert.id() + ":" + transition;
            outbox.add(OutgoingMessage.emailCommand("alert-" + alert.id(),
                    new EmailCommand(settings.emailTo(), TEMPLATE, model(rule, alert, transition, value, at), messageId),
                    messageId));
        }
    }

    /** What the email-worker's {@code alert} template shows; {@code title} is the mail's subject. */
    private static Map<String, String> model(AlertRule rule, Alert alert, String transition, double value, Instant at) {
        Map<String, String> model = new LinkedHashMap<>();
        model.put("title", "[" + alert.severity() + "] alert " + transition + ": " + alert.sensorId());
        model.put("transition", transition);
        model.put("severity", alert.severity());
        model.put("sensorId", alert.sensorId());
        model.put("rule", rule.describe());
        model.put("value", Double.toString(value));
        model.put("at", at.toString());
        model.put("alertId", Long.toString(alert.id()));
        model.put("ruleId", Long.toString(rule.id()));
        return Map.copyOf(model);
    }

    private String write(AlertMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
