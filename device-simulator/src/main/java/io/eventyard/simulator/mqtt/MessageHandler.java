package io.eventyard.simulator.mqtt;

/** Receives the messages of a device's subscription, on the device's event loop thread. */
@FunctionalInterface
public interface MessageHandler {

    void onMessage(String topic, byte[] payload);
}
