package io.eventyard.broker.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * A PUBLISH as read from the socket, its payload copied out of Netty's buffer on the event loop so that no
 * reference-counted buffer crosses to the core thread.
 *
 * @param topic      empty when a 5.0 client names the topic by its alias alone
 * @param packetId   0 at QoS 0, which carries none
 * @param properties the 5.0 properties, {@link MqttProperties#NO_PROPERTIES} under 3.1.1
 */
record InboundPublish(String topic, int qos, int packetId, byte[] payload, boolean retain,
                      MqttProperties properties) {
}
