package io.eventyard.simulator.home;

import java.time.Instant;
import java.util.random.RandomGenerator;

/** Relative humidity: around a base, lower in the warm afternoon, a bounded random walk, always 20–90 %. */
public final class HumiditySignal implements Signal {

    private final double base;
    private final RandomGenerator random;
    private double drift;

    public HumiditySignal(double base, RandomGenerator random) {
        this.base = base;
        this.random = random;
    }

    @Override
    public double next(Instant at) {
        drift += random.nextGaussian() * 0.3 - drift * 0.02;
        double value = base - 5 * DayCurve.at(at) + drift;
        return Math.max(20, Math.min(90, value));
    }
}
