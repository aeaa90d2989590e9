package io.eventyard.simulator.fleet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A position report on {@code fleet/vehicle/{id}/location}: JSON
 * {@code {"lat":..,"lon":..,"speedKmh":..,"heading":..,"accuracy":..,"ts":..}} (DESIGN.md plus the GPS accuracy in
 * metres), {@code ts} ISO-8601 UTC with milliseconds.
 */
public record VehicleFix(double lat, double lon, double speedKmh, double heading, double accuracy, Instant ts) {

    public String payload() {
        return String.format(Locale.ROOT,
                "{\"lat\":%.6f,\"lon\":%.6f,\"speedKmh\":%.1f,\"heading\":%.1f,\"accuracy\":%.1f,\"ts\":\"%s\"}",
                lat, lon, speedKmh, heading, accuracy, ts.truncatedTo(ChronoUnit.MILLIS));
    }
}
