package io.eventyard.broker.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventyard.broker.core.message.FieldValues;
import io.eventyard.broker.core.message.LongString;
import io.eventyard.broker.core.message.MessageProperties;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * MQTT 5.0 PUBLISH properties to and from the AMQP properties of the message in the core, as RabbitMQ 3.13
 * maps them, so that both sides see the same message: content type ↔ {@code content_type}; correlation data ↔
 * {@code correlation_id} (or the {@code x-correlation-id} header when it is not short UTF-8 text); response
 * topic ↔ {@code reply_to} (as a routing key); message expiry ↔ {@code expiration}; user properties ↔
 * headers (a repeated name becomes an array). The QoS, the payload format and the retain flag ride in
 * {@code x-mqtt-} headers.
 */
final class PropertyMapping {

    /** The QoS a message was published at, kept in a header as RabbitMQ's plugin does. */
    static final String QOS_HEADER = "x-mqtt-publish-qos";
    static final String PAYLOAD_FORMAT_HEADER = "x-mqtt-payload-format-indicator";
    /** Present (true) when the publisher set RETAIN: retain-as-published subscribers see it. */
    static final String RETAIN_HEADER = "x-mqtt-retain";
    /** The publisher's client id, added only when its own session has a no-local subscription to honour. */
    static final String PUBLISHER_HEADER = "x-mqtt-publisher";
    private static final String CORRELATION_HEADER = "x-correlation-id";

    private PropertyMapping() {
    }

    /**
     * The AMQP properties of a message published over MQTT at {@code qos}: QoS 0 transient, 1 and 2
     * persistent (delivery mode 1 and 2), as RabbitMQ's plugin maps them.
     */
    static MessageProperties toCore(int qos, MqttProperties properties, boolean retain, String noLocalPublisher) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(QOS_HEADER, (byte) qos);
        if (retain) {
            headers.put(RETAIN_HEADER, true);
        }
        if (noLocalPublisher != null) {
            headers.put(PUBLISHER_HEADER, noLocalPublisher);
        }
        String contentType = null;
        String correlationId = null;
        String replyTo = null;
        String expiration = null;
        for (MqttProperty<?> property : properties.listAll()) {
            switch (MqttPropertyType.valueOf(property.propertyId())) {
                case PAYLOAD_FORMAT_INDICATOR -> headers.put(PAYLOAD_FORMAT_HEADER, ((Integer) property.value()).byteValue());
                case CONTENT_TYPE -> contentType = (String) property.value();
                case RESPONSE_TOPIC -> replyTo = TopicMapping.routingKey((String) property.value());
                case PUBLICATION_EXPIRY_INTERVAL -> expiration = Long.toString(
                        Integer.toUnsignedLong((Integer) property.value()) * 1000);
                case CORRELATION_DATA -> {
                    byte[] data = (byte[]) property.value();
                    String text = shortText(data);
                    if (text != null) {
                        correlationId = text;
                    } else {
                        headers.put(CORRELATION_HEADER, data);
                    }
                }
                case USER_PROPERTY -> {
                    @SuppressWarnings("unchecked")
                    List<MqttProperties.StringPair> pairs = (List<MqttProperties.StringPair>) property.value();
                    for (MqttProperties.StringPair pair : pairs) {
                        addUserProperty(headers, pair.key, pair.value);
                    }
                }
                default -> {
                    // topic alias, subscription identifier: about this packet only, not the message
                }
            }
        }
        return new MessageProperties(contentType, null, headers, qos == 0 ? 1 : 2, null, correlationId, replyTo,
                expiration, null, null, null, null, null, null);
    }

    private static void addUserProperty(Map<String, Object> headers, String key, String value) {
        Object before = headers.get(key);
        if (before == null) {
            headers.put(key, value);
        } else if (before instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) list;
            values.add(value);
        } else {
            List<Object> values = new ArrayList<>();
            values.add(before);
            values.add(value);
            headers.put(key, values);
        }
    }

    /**
     * The 5.0 properties of a message delivered over MQTT. {@code expiresAtMillis} is the queue entry's expiry
     * ({@code Long.MAX_VALUE}: none), sent as the time left (MQTT 5.0 section 3.3.2.3.3).
     */
    static void toMqtt(MessageProperties message, long expiresAtMillis, long nowMillis, OutgoingProperties out) {
        Map<String, Object> headers = message.headers();
        if (headers != null) {
            Long format = FieldValues.asLong(headers.get(PAYLOAD_FORMAT_HEADER));
            if (format != null) {
                out.integer(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR, format.intValue(), 1);
            }
        }
        if (expiresAtMillis != Long.MAX_VALUE) {
            long leftSeconds = Math.max(1, (expiresAtMillis - nowMillis + 999) / 1000);
            out.integer(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL, (int) Math.min(leftSeconds, 0xFFFFFFFFL), 4);
        }
        if (message.contentType() != null) {
            out.string(MqttPropertyType.CONTENT_TYPE, message.contentType());
        }
        if (message.replyTo() != null) {
            out.string(MqttPropertyType.RESPONSE_TOPIC, TopicMapping.topic(message.replyTo()));
        }
        if (message.correlationId() != null) {
            out.binary(MqttPropertyType.CORRELATION_DATA, message.correlationId().getBytes(StandardCharsets.UTF_8));
        } else if (headers != null && headers.get(CORRELATION_HEADER) instanceof byte[] data) {
            out.binary(MqttPropertyType.CORRELATION_DATA, data);
        }
        if (headers != null) {
            for (Map.Entry<String, Object> header : headers.entrySet()) {
                if (header.getKey().startsWith("x-")) {
                    continue; // the broker's and the plugin's own headers, not the publisher's user properties
                }
                if (header.getValue() instanceof List<?> values) {
                    for (Object value : values) {
                        userProperty(out, header.getKey(), value);
                    }
                } else {
                    userProperty(out, header.getKey(), header.getValue());
                }
            }
        }
    }

    private static void userProperty(OutgoingProperties out, String key, Object value) {
        String text = value instanceof String s ? s
                : value instanceof LongString l ? l.toString()
                : value instanceof Number || value instanceof Boolean ? value.toString()
                : null;
        if (text != null) {
            out.userProperty(key, text);
        }
    }

    /** {@code data} as text when it is valid UTF-8 that fits AMQP's short string, else null. */
    private static String shortText(byte[] data) {
        if (data.length > 255) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
