package io.eventyard.order.events;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * An {@code email.send} command for email-worker.
 *
 * @param to        the recipient
 * @param template  {@code order-confirmation}, {@code payment-receipt}, {@code shipment-notice} or
 *                  {@code payment-failed}
 * @param model     the values the template shows
 * @param messageId {@code <orderId>:<template>}, also the AMQP message id: a step the saga replays never
 *                  mails twice, because email-worker de-duplicates on it
 */
@Serdeable
public record EmailCommand(String to, String template, Map<String, String> model, String messageId) {
}
