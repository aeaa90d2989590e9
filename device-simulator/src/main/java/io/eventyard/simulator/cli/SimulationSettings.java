package io.eventyard.simulator.cli;

import io.eventyard.simulator.home.Cadence;
import io.eventyard.simulator.home.HomeSettings;
import io.eventyard.simulator.mqtt.BrokerEndpoint;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.time.Duration;

/**
 * A simulation's settings, validated.
 *
 * @param rate          readings per second of all homes together, or {@code null} for the realistic 5-10 s
 * @param chaosInterval mean time between chaos drops, or {@code null} for no chaos
 * @param duration      how long to run, or {@code null} until stopped
 */
public record SimulationSettings(String mqttUri, String user, String password, int homes, int vehicles, Double rate,
                                 Duration positionInterval, int qos, Duration chaosInterval, Duration duration,
                                 String clientIdPrefix, int threads, long seed, Duration statusInterval) {

    public BrokerEndpoint broker() {
        return BrokerEndpoint.of(mqttUri, user, password);
    }

    public HomeSettings homeSettings() {
        Cadence cadence = rate == null || homes == 0 ? Cadence.realistic()
                : Cadence.forTotalRate(rate, homes * HomeSettings.periodicSensorsPerHome());
        return new HomeSettings(homes, cadence, MqttQoS.valueOf(qos));
    }
}
