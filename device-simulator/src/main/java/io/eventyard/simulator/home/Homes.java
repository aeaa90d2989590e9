package io.eventyard.simulator.home;

import io.eventyard.simulator.SimulatedDevice;
import io.eventyard.simulator.mqtt.DeviceNetwork;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds the homes' devices: per room a multi-sensor and a light. Home 1's rooms have the plain names of
 * DESIGN.md ({@code home/kitchen/temperature}); home {@code n > 1} prefixes them ({@code home/h2-kitchen/...}),
 * because the topic tree has no level for the home.
 */
public final class Homes {

    private Homes() {
    }

    public static String roomName(int home, RoomKind room) {
        return home == 1 ? room.roomName() : "h" + home + "-" + room.roomName();
    }

    /** @param readingsSent counts every reading a sensor sent (not statuses, not light states) */
    public static List<SimulatedDevice> build(HomeSettings settings, DeviceNetwork network, Clock clock, long seed,
                                              LongAdder readingsSent) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<SimulatedDevice> devices = new ArrayList<>();
        for (int home = 1; home <= settings.homes(); home++) {
            for (RoomKind kind : RoomKind.values()) {
                String room = roomName(home, kind);
                var random = seeds.split();
                Map<SensorKind, Signal> signals = new EnumMap<>(SensorKind.class);
                signals.put(SensorKind.TEMPERATURE, new TemperatureSignal(kind.baseTemperature(), random.split()));
                signals.put(SensorKind.HUMIDITY, new HumiditySignal(kind.baseHumidity(), random.split()));
                signals.put(SensorKind.POWER, new PowerSignal(kind.standbyWatts(), kind.applianceWatts(),
                        random.split()));
                signals.put(SensorKind.MOTION, new MotionSignal(random.split()));
                // The multi-sensor is the room's device: its status is home/{room}/status, beside its readings.
                devices.add(new RoomSensor(network.connection(room), room, signals,
                        settings.cadence(), settings.qos(), clock, random, readingsSent));
                devices.add(new Light(network.connection(room + "-light"), room, clock));
            }
        }
        return devices;
    }
}
