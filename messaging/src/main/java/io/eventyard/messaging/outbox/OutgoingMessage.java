package io.eventyard.messaging.outbox;

import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopExchanges;
import java.util.Objects;
import java.util.UUID;

/**
 * A message a service wants to send, before it is written to the outbox.
 *
 * @param aggregateId the business entity it is about (an order id); the relay keeps the messages of one
 *                    aggregate in the order they were added
 * @param messageId   the AMQP message id, the consumers' de-duplication key
 * @param payload     a {@code @Serdeable} record, sent as JSON
 */
public record OutgoingMessage(String exchange, String routingKey, String aggregateId, String messageId,
                              Object payload) {

    public OutgoingMessage {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A domain event on {@code shop.events}, with a fresh message id. */
    public static OutgoingMessage event(String routingKey, String aggregateId, Object payload) {
        return new OutgoingMessage(ShopExchanges.EVENTS, routingKey, aggregateId, UUID.randomUUID().toString(),
                payload);
    }

    /**
     * An {@code email.send} command. The caller picks the message id so that the same e-mail asked for twice
     * (a saga step replayed) has the same id, and the e-mail worker mails it once.
     */
    public static OutgoingMessage emailCommand(String aggregateId, Object command, String messageId) {
        return new OutgoingMessage(ShopExchanges.EMAIL, RoutingKeys.EMAIL_SEND, aggregateId, messageId, command);
    }
}
