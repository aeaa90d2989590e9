package io.eventyard.simulator.home;

import java.time.Instant;

/** A sensor's physical quantity over time: each call says what the sensor would measure at that instant. */
public interface Signal {

    double next(Instant at);
}
