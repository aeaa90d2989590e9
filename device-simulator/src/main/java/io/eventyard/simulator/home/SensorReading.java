package io.eventyard.simulator.home;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One reading as a sensor sends it: on {@code home/{room}/{sensor}}, the JSON {@code {"value":..,"unit":..,"ts":..}}
 * (DESIGN.md), {@code ts} in ISO-8601 UTC with milliseconds; a motion event carries no unit.
 */
public record SensorReading(String room, SensorKind kind, double value, Instant measuredAt) {

    public String topic() {
        return "home/" + room + "/" + kind.topicName();
    }

    public String payload() {
        String ts = measuredAt.truncatedTo(ChronoUnit.MILLIS).toString();
        String number = kind == SensorKind.MOTION ? Integer.toString((int) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return kind.unit() == null
                ? "{\"value\":" + number + ",\"ts\":\"" + ts + "\"}"
                : "{\"value\":" + number + ",\"unit\":\"" + kind.unit() + "\",\"ts\":\"" + ts + "\"}";
    }
}
