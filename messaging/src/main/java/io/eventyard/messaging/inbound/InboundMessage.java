package io.eventyard.messaging.inbound;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One delivery as it came off a queue: the raw body, its properties and envelope. A listener method takes
 * {@code byte[] body, BasicProperties properties, Envelope envelope} (micronaut-rabbitmq binds the
 * {@code com.rabbitmq.client.BasicProperties} interface) and wraps them in this record.
 */
public record InboundMessage(String queue, byte[] body, BasicProperties properties, Envelope envelope) {

    /** The properties as the client's concrete class, whose builder copies them. */
    public AMQP.BasicProperties amqpProperties() {
        if (properties instanceof AMQP.BasicProperties amqp) {
            return amqp;
        }
        return properties == null ? new AMQP.BasicProperties() : new AMQP.BasicProperties(
                properties.getContentType(), properties.getContentEncoding(), properties.getHeaders(),
                properties.getDeliveryMode(), properties.getPriority(), properties.getCorrelationId(),
                properties.getReplyTo(), properties.getExpiration(), properties.getMessageId(),
                properties.getTimestamp(), properties.getType(), properties.getUserId(), properties.getAppId(),
                null);
    }

    /** The AMQP message id, the de-duplication key; null when the producer set none. */
    public String messageId() {
        return properties == null ? null : properties.getMessageId();
    }

    public String routingKey() {
        return envelope == null ? null : envelope.getRoutingKey();
    }

    public Map<String, Object> headers() {
        return properties == null || properties.getHeaders() == null ? Map.of() : properties.getHeaders();
    }

    /** A header as text (AMQP long strings arrive as byte-backed objects). */
    public Optional<String> header(String name) {
        Object value = headers().get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /**
     * How many times this message has been dead-lettered from {@code queue} for {@code reason}, read from the
     * {@code x-death} history the broker keeps on the message; 0 if never.
     */
    public long deathCount(String queue, String reason) {
        if (!(headers().get("x-death") instanceof List<?> deaths)) {
            return 0;
        }
        for (Object entry : deaths) {
            if (entry instanceof Map<?, ?> death
                    && queue.equals(String.valueOf(death.get("queue")))
                    && reason.equals(String.valueOf(death.get("reason")))
                    && death.get("count") instanceof Number count) {
                return count.longValue();
            }
        }
        return 0;
    }
}
