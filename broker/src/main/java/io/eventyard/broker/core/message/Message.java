package io.eventyard.broker.core.message;

/**
 * A message as published: where it was sent, its properties and its body. Immutable and shared by every
 * queue it is routed to; delivery state (tags, redelivered) lives with the queue entry, never here.
 */
public record Message(String exchange, String routingKey, MessageProperties properties, byte[] body) {

    public Message {
        if (properties == null) {
            properties = MessageProperties.EMPTY;
        }
    }

    public int bodySize() {
        return body.length;
    }

    public Message withProperties(MessageProperties newProperties) {
        return new Message(exchange, routingKey, newProperties, body);
    }
}
