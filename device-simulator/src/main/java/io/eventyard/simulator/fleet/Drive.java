package io.eventyard.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A vehicle driving a route, advanced in steps of simulated time: it accelerates towards a speed near the leg's
 * limit, brakes in time for a waypoint where it decided to stop, waits there (5–40 s), and drives on. Speeds stay
 * within 0..120 km/h. Not thread-safe: one vehicle, one thread.
 */
public final class Drive {

    static final double ACCELERATION = 2.0;   // m/s²
    static final double DECELERATION = 3.0;   // m/s²
    static final double MAX_SPEED_KMH = 120;

    private final Route route;
    private final RandomGenerator random;
    private int leg;
    private double metresIntoLeg;
    private double speed;          // m/s
    private double stopRemaining;  // s
    private double targetFactor;
    private boolean stopAtLegEnd;

    public Drive(Route route, int startLeg, RandomGenerator random) {
        this.route = route;
        this.random = random;
        this.leg = Math.floorMod(startLeg, route.legs());
        enterLeg();
    }

    /** Moves the vehicle on by {@code step} of driving time. */
    public void advance(Duration step) {
        double dt = step.toNanos() / 1e9;
        while (dt > 0) {
            double slice = Math.min(dt, 0.5);
            tick(slice);
            dt -= slice;
        }
    }

    private void tick(double dt) {
        if (stopRemaining > 0) {
            stopRemaining -= dt;
            speed = 0;
            return;
        }
        double target = Math.min(route.legEnd(leg).speedLimitKmh() * targetFactor, MAX_SPEED_KMH) / 3.6;
        double remaining = route.legLength(leg) - metresIntoLeg;
        if (stopAtLegEnd) {
            // The highest speed from which it can still stop at the waypoint.
            target = Math.min(target, Math.sqrt(2 * DECELERATION * Math.max(remaining, 0)) + 0.5);
        }
        speed = speed < target ? Math.min(target, speed + ACCELERATION * dt) : Math.max(target, speed - DECELERATION * dt);
        metresIntoLeg += speed * dt;
        if (metresIntoLeg >= route.legLength(leg)) {
            metresIntoLeg -= route.legLength(leg);
            if (stopAtLegEnd) {
                metresIntoLeg = 0;
                speed = 0;
                stopRemaining = 5 + random.nextDouble() * 35;
            }
            leg = (leg + 1) % route.legs();
            enterLeg();
        }
    }

    private void enterLeg() {
        targetFactor = 0.8 + random.nextDouble() * 0.25;
        stopAtLegEnd = random.nextDouble() < route.legEnd(leg).stopChance();
    }

    /** Where the vehicle is now, as its GPS reports it (accuracy 3–8 m). */
    public VehicleFix fix(Instant at) {
        var from = route.legStart(leg).point();
        var to = route.legEnd(leg).point();
        double fraction = Math.min(1, metresIntoLeg / route.legLength(leg));
        var here = from.towards(to, fraction);
        return new VehicleFix(here.lat(), here.lon(), Math.min(MAX_SPEED_KMH, speed * 3.6), from.bearingTo(to), 3 + random.nextDouble() * 5, at);
    }

    public boolean stopped() {
        return speed == 0;
    }

    int leg() {
        return leg;
    }
}
