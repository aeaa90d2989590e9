package io.eventyard.simulator.home;

import io.eventyard.simulator.SimulatedDevice;
import io.eventyard.simulator.mqtt.DeviceConnection;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * A room's multi-sensor: temperature, humidity and power on their cadence, motion when it changes. Its device
 * id is the room's name, so its status ({@code home/{room}/status}) sits beside its readings. Runs on its
 * connection's event loop.
 */
public final class RoomSensor implements SimulatedDevice {

    private final DeviceConnection connection;
    private final String room;
    private final Map<SensorKind, Signal> signals;
    private final Cadence cadence;
    private final MqttQoS qos;
    private final Clock clock;
    private final RandomGenerator random;
    private final LongAdder readingsSent;
    private final Map<SensorKind, SensorClock> clocks = new EnumMap<>(SensorKind.class);
    private double lastMotion = -1;

    public RoomSensor(DeviceConnection connection, String room, Map<SensorKind, Signal> signals, Cadence cadence,
                      MqttQoS qos, Clock clock, RandomGenerator random, LongAdder readingsSent) {
        this.connection = connection;
        this.room = room;
        this.signals = Map.copyOf(signals);
        this.cadence = cadence;
        this.qos = qos;
        this.clock = clock;
        this.random = random;
        this.readingsSent = readingsSent;
    }

    @Override
    public DeviceConnection connection() {
        return connection;
    }

    @Override
    public void start() {
        for (SensorKind kind : signals.keySet()) {
            if (cadence instanceof Cadence.Fixed fixed) {
                // At a fixed rate, not a fixed delay: a driven load must not slow down by the time each send takes.
                connection.loop().scheduleAtFixedRate(() -> measure(kind), cadence.firstDelay(random).toNanos(),
                        fixed.period().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                schedule(kind, cadence.firstDelay(random));
            }
        }
    }

    private void schedule(SensorKind kind, Duration delay) {
        connection.loop().schedule(() -> {
            measure(kind);
            schedule(kind, cadence.nextDelay(random));
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void measure(SensorKind kind) {
        Instant now = clocks.computeIfAbsent(kind, k -> new SensorClock()).stamp(clock.instant());
        double value = signals.get(kind).next(now);
        if (kind == SensorKind.MOTION) {
            if (value == lastMotion) {
                return;
            }
            // A motion event not sent (device offline) is sent at the next change, like a real PIR sensor.
            if (!connection.isOnline()) {
                return;
            }
            lastMotion = value;
        }
        var reading = new SensorReading(room, kind, value, now);
        if (connection.publish(reading.topic(), reading.payload(), qos, false)) {
            readingsSent.increment();
        }
    }
}
