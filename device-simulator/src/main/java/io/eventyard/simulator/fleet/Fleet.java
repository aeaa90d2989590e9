package io.eventyard.simulator.fleet;

import io.eventyard.simulator.SimulatedDevice;
import io.eventyard.simulator.mqtt.DeviceNetwork;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the vehicles {@code car-1..car-M}, spread over the routes and over each route's legs. */
public final class Fleet {

    private Fleet() {
    }

    public static List<SimulatedDevice> build(int vehicles, Duration interval, DeviceNetwork network, Clock clock,
                                              long seed) {
        var routes = Routes.amsterdam();
        var seeds = new SplittableRandom(seed);
        List<SimulatedDevice> devices = new ArrayList<>();
        for (int n = 1; n <= vehicles; n++) {
            var route = routes.get((n - 1) % routes.size());
            var random = seeds.split();
            String id = "car-" + n;
            devices.add(new Vehicle(network.connection(id), id, new Drive(route, random.nextInt(route.legs()), random),
                    interval, clock));
        }
        return devices;
    }
}
