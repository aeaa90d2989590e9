package io.eventyard.simulator.home;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * How the homes behave.
 *
 * @param homes   how many homes
 * @param cadence how often each sensor reports
 * @param qos     the QoS of readings
 */
public record HomeSettings(int homes, Cadence cadence, MqttQoS qos) {

    /** Periodic sensors per home: temperature, humidity and power in each room (motion reports on change). */
    public static int periodicSensorsPerHome() {
        return RoomKind.values().length * 3;
    }
}
