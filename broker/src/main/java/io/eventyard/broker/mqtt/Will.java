package io.eventyard.broker.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The will message a client left in its CONNECT, published if the connection ends without DISCONNECT.
 *
 * @param properties   the 5.0 will properties (content type, user properties...), passed on like a PUBLISH's
 * @param delaySeconds the 5.0 will delay interval: how long the will waits for the session to be resumed
 */
record Will(String topic, int qos, byte[] payload, boolean retain, MqttProperties properties, long delaySeconds) {
}
