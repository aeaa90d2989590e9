package io.eventyard.broker.mqtt;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * The properties of a PUBLISH the broker is about to send, with their encoded length counted as they are
 * added, so that a packet larger than the client's Maximum Packet Size can be held back before it is
 * encoded (MQTT 5.0 section 3.1.2.11.4).
 */
final class OutgoingProperties {

    private final MqttProperties properties = new MqttProperties();
    private final MqttProperties.UserProperties userProperties = new MqttProperties.UserProperties();
    private int length;
    private boolean hasUserProperties;

    void integer(MqttPropertyType type, int value, int width) {
        properties.add(new MqttProperties.IntegerProperty(type.value(), value));
        length += 1 + (type == MqttPropertyType.SUBSCRIPTION_IDENTIFIER ? variableIntLength(value) : width);
    }

    void string(MqttPropertyType type, String value) {
        properties.add(new MqttProperties.StringProperty(type.value(), value));
        length += 1 + 2 + utf8Length(value);
    }

    void binary(MqttPropertyType type, byte[] value) {
        properties.add(new MqttProperties.BinaryProperty(type.value(), value));
        length += 1 + 2 + value.length;
    }

    void userProperty(String key, String value) {
        userProperties.add(key, value);
        hasUserProperties = true;
        length += 1 + 2 + utf8Length(key) + 2 + utf8Length(value);
    }

    MqttProperties build() {
        if (hasUserProperties) {
            properties.add(userProperties);
        }
        return properties;
    }

    /** The encoded length of the properties including their own length prefix. */
    int encodedLength() {
        return variableIntLength(length) + length;
    }

    /** The whole PUBLISH packet's encoded size. */
    static long publishSize(String topic, int qos, int propertiesLength, int payloadLength) {
        long remaining = 2L + utf8Length(topic) + (qos > 0 ? 2 : 0) + propertiesLength + payloadLength;
        return 1 + variableIntLength(remaining) + remaining;
    }

    static int variableIntLength(long value) {
        int bytes = 1;
        while (value >= 128) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }

    private static int utf8Length(String text) {
        int ascii = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return ascii;
    }
}
