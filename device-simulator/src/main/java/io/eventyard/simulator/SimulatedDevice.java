package io.eventyard.simulator;

import io.eventyard.simulator.mqtt.DeviceConnection;

/** A simulated device: its connection, and what it does once connected. */
public interface SimulatedDevice {

    DeviceConnection connection();

    /** Starts the device's timers and subscriptions; the connection is started separately. */
    void start();
}
