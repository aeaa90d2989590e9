package io.eventyard.simulator.home;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Presence in a room, 0 or 1: someone walks in more often by day than at night and stays a while. The sensor
 * sends only changes, so most calls return the value it already sent.
 */
public final class MotionSignal implements Signal {

    private final RandomGenerator random;
    private boolean present;

    public MotionSignal(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public double next(Instant at) {
        double enter = 0.05 + 0.05 * DayCurve.at(at);
        present = present ? random.nextDouble() > 0.15 : random.nextDouble() < enter;
        return present ? 1 : 0;
    }
}
