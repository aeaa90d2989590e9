package io.eventyard.simulator.home;

import io.eventyard.simulator.SimulatedDevice;
import io.eventyard.simulator.mqtt.DeviceConnection;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A dimmable light (device {@code {id}-light}): obeys {@code home/lights/{id}/set} and publishes its state,
 * retained, on {@code home/lights/{id}} at every connect and after every command. Runs on its connection's loop.
 */
public final class Light implements SimulatedDevice {

    private static final Logger LOG = LoggerFactory.getLogger(Light.class);

    private final DeviceConnection connection;
    private final String id;
    private final Clock clock;
    private LightState state;

    public Light(DeviceConnection connection, String id, Clock clock) {
        this.connection = connection;
        this.id = id;
        this.clock = clock;
        this.state = new LightState(false, 100, clock.instant());
    }

    public String stateTopic() {
        return "home/lights/" + id;
    }

    @Override
    public DeviceConnection connection() {
        return connection;
    }

    @Override
    public void start() {
        connection.onOnline(this::publishState);
        connection.subscribe(stateTopic() + "/set", (topic, payload) -> {
            var command = LightCommand.parse(new String(payload, StandardCharsets.UTF_8));
            state = state.apply(command, clock.instant());
            LOG.info("light {} -> on={} brightness={}", id, state.on(), state.brightness());
            publishState();
        });
    }

    private void publishState() {
        connection.publish(stateTopic(), state.payload(), MqttQoS.AT_LEAST_ONCE, true);
    }
}
