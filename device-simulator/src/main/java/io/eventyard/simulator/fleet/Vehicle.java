package io.eventyard.simulator.fleet;

import io.eventyard.simulator.SimulatedDevice;
import io.eventyard.simulator.mqtt.DeviceConnection;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A vehicle's tracker: drives its route in real time and reports its position every {@code interval} on
 * {@code fleet/vehicle/{id}/location}, QoS 1. Its availability is {@code home/{id}/status} like any device's.
 */
public final class Vehicle implements SimulatedDevice {

    private final DeviceConnection connection;
    private final String id;
    private final Drive drive;
    private final Duration interval;
    private final Clock clock;
    private Instant last;

    public Vehicle(DeviceConnection connection, String id, Drive drive, Duration interval, Clock clock) {
        this.connection = connection;
        this.id = id;
        this.drive = drive;
        this.interval = interval;
        this.clock = clock;
    }

    public String topic() {
        return "fleet/vehicle/" + id + "/location";
    }

    @Override
    public DeviceConnection connection() {
        return connection;
    }

    @Override
    public void start() {
        last = clock.instant();
        connection.loop().scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void report() {
        Instant now = clock.instant();
        // The vehicle drives on while its tracker is offline; only the reports are lost.
        drive.advance(Duration.between(last, now));
        last = now;
        connection.publish(topic(), drive.fix(now).payload(), MqttQoS.AT_LEAST_ONCE, false);
    }
}
