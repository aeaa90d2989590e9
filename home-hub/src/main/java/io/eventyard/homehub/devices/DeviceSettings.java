package io.eventyard.homehub.devices;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("home-hub.devices")
public class DeviceSettings {

    private Duration inactivityTimeout = Duration.ofMinutes(5);

    /** An online device not heard from for this long is marked offline (reason {@code timeout}). */
    public Duration getInactivityTimeout() {
        return inactivityTimeout;
    }

    public void setInactivityTimeout(Duration inactivityTimeout) {
        this.inactivityTimeout = inactivityTimeout;
    }
}
