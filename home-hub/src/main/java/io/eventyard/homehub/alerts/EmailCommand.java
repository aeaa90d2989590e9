package io.eventyard.homehub.alerts;

import java.util.Map;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An {@code email.send} command for the email-worker, as its inbound record reads it.
 *
 * @param template  {@code alert}
 * @param messageId {@code home-hub:alert:<alertId>:<fired|cleared>}, also the AMQP message id: each transition
 *                  is mailed once however often it is relayed
 */
@Serdeable
public record EmailCommand(String to, String template, Map<String, String> model, String messageId) {
}
