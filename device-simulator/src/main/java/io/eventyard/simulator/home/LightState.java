package io.eventyard.simulator.home;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A light's state, published retained on {@code home/lights/{id}} as {@code {"on":..,"brightness":..,"ts":..}}. */
public record LightState(boolean on, int brightness, Instant changedAt) {

    public LightState apply(LightCommand command, Instant at) {
        boolean nextOn = command.toggle() ? !on : command.on() != null ? command.on() : on;
        int nextBrightness = command.brightness() != null ? command.brightness() : brightness;
        return new LightState(nextOn, nextBrightness, at);
    }

    public String payload() {
        return "{\"on\":" + on + ",\"brightness\":" + brightness + ",\"ts\":\""
                + changedAt.truncatedTo(ChronoUnit.MILLIS) + "\"}";
    }
}
