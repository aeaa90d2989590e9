package io.eventyard.simulator.home;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A room's temperature: a base (kitchens run warmer), ±1.5 °C over the day, and a slow random walk that stays
 * within ±2 °C of it, so consecutive readings differ by hundredths of a degree, as a real thermometer's do.
 */
public final class TemperatureSignal implements Signal {

    private static final double DAY_AMPLITUDE = 1.5;
    private static final double DRIFT_LIMIT = 2.0;

    private final double base;
    private final RandomGenerator random;
    private double drift;

    public TemperatureSignal(double base, RandomGenerator random) {
        this.base = base;
        this.random = random;
    }

    @Override
    public double next(Instant at) {
        // The pull back towards 0 keeps the walk bounded without a visible clamp.
        drift += random.nextGaussian() * 0.05 - drift * 0.01;
        drift = Math.max(-DRIFT_LIMIT, Math.min(DRIFT_LIMIT, drift));
        return base + DAY_AMPLITUDE * DayCurve.at(at) + drift;
    }
}
