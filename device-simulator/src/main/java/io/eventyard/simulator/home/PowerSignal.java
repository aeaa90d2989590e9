package io.eventyard.simulator.home;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A room's electrical load in watts: a standby base with noise, and now and then an appliance (kettle, oven,
 * television) that adds its load for a number of readings.
 */
public final class PowerSignal implements Signal {

    private final double standby;
    private final double applianceWatts;
    private final RandomGenerator random;
    private int applianceReadingsLeft;

    /**
     * @param standby        the load when nothing runs
     * @param applianceWatts what the room's biggest appliance draws while it runs
     */
    public PowerSignal(double standby, double applianceWatts, RandomGenerator random) {
        this.standby = standby;
        this.applianceWatts = applianceWatts;
        this.random = random;
    }

    @Override
    public double next(Instant at) {
        if (applianceReadingsLeft > 0) {
            applianceReadingsLeft--;
        } else if (random.nextDouble() < 0.02) {
            applianceReadingsLeft = 5 + random.nextInt(20);
        }
        double load = standby * (1 + 0.1 * random.nextGaussian());
        if (applianceReadingsLeft > 0) {
            load += applianceWatts * (0.95 + 0.1 * random.nextDouble());
        }
        return Math.max(0, load);
    }
}
