package io.eventyard.broker.mqtt;

/** The will message a client left in its CONNECT, published if the connection ends without DISCONNECT. */
record Will(String topic, int qos, byte[] payload) {
}
