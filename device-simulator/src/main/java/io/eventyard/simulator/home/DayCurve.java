package io.eventyard.simulator.home;

import java.time.Instant;
import java.time.ZoneOffset;

/** The daily rhythm: -1 at 03:00, +1 at 15:00 (UTC), a cosine in between. */
final class DayCurve {

    private DayCurve() {
    }

    static double at(Instant instant) {
        double hour = instant.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
        return -Math.cos((hour - 3) / 24 * 2 * Math.PI);
    }
}
