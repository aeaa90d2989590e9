package io.eventyard.broker.core.message;

import java.util.Map;

/**
 * The fourteen basic properties of a message, protocol-neutral. AMQP carries them in the content
 * header; MQTT 5 maps its properties onto them. A {@code null} component means "absent", so that a
 * message re-encodes with exactly the property flags it arrived with.
 *
 * <p>{@code headers} values follow the field value model of {@link FieldValues}.
 *
 * @param timestamp seconds since the epoch, as AMQP's 64-bit timestamp carries it
 */
public record MessageProperties(
        String contentType,
        String contentEncoding,
        Map<String, Object> headers,
        Integer deliveryMode,
        Integer priority,
        String correlationId,
        String replyTo,
        String expiration,
        String messageId,
        Long timestamp,
        String type,
        String userId,
        String appId,
        String clusterId) {

    public static final MessageProperties EMPTY =
            new MessageProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Delivery mode 2: the publisher asked for the message to survive a broker restart. */
    public boolean persistent() {
        return deliveryMode != null && deliveryMode == 2;
    }

    public MessageProperties withHeaders(Map<String, Object> newHeaders) {
        return new MessageProperties(contentType, contentEncoding, newHeaders, deliveryMode, priority, correlationId,
                replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    public MessageProperties withExpiration(String newExpiration) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                replyTo, newExpiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    public MessageProperties withDeliveryMode(Integer newDeliveryMode) {
        return new MessageProperties(contentType, contentEncoding, headers, newDeliveryMode, priority, correlationId,
                replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }
}
