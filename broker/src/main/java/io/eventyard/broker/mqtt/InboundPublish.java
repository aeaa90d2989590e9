package io.eventyard.broker.mqtt;

/**
 * A PUBLISH as read from the socket, its payload copied out of Netty's buffer on the event loop so that no
 * reference-counted buffer crosses to the core thread.
 *
 * @param packetId 0 at QoS 0, which carries none
 */
record InboundPublish(String topic, int qos, int packetId, byte[] payload, boolean retain) {
}
