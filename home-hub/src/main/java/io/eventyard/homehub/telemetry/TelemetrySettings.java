package io.eventyard.homehub.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("home-hub")
public class TelemetrySettings {

    private Duration retention = Duration.ofDays(30);

    /** How long readings and vehicle positions are kept (by measurement or fix time). */
    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}
