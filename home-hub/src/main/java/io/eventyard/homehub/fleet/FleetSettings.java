package io.eventyard.homehub.fleet;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("home-hub.fleet")
public class FleetSettings {

    private double speedLimitKmh = 100;
    private Duration overspeedMinDuration = Duration.ofSeconds(10);
    private double movingSpeedKmh = 3;

    /** Above this a vehicle is speeding. */
    public double getSpeedLimitKmh() {
        return speedLimitKmh;
    }

    public void setSpeedLimitKmh(double speedLimitKmh) {
        this.speedLimitKmh = speedLimitKmh;
    }

    /** How long (in fix time) a vehicle must stay above the limit before it is reported: one fast fix is noise. */
    public Duration getOverspeedMinDuration() {
        return overspeedMinDuration;
    }

    public void setOverspeedMinDuration(Duration overspeedMinDuration) {
        this.overspeedMinDuration = overspeedMinDuration;
    }

    /** At or above this speed a vehicle is moving, below it stopped (GPS drift makes a parked car "move"). */
    public double getMovingSpeedKmh() {
        return movingSpeedKmh;
    }

    public void setMovingSpeedKmh(double movingSpeedKmh) {
        this.movingSpeedKmh = movingSpeedKmh;
    }
}
