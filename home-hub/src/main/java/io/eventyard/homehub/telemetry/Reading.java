package io.eventyard.homehub.telemetry;

import java.time.Instant;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A sensor reading, announced as an application event once it is stored.
 *
 * @param sensorId   {@code room/sensor}, the topic below {@code home/}
 * @param unit       null when the device did not say
 * @param measuredAt the device's time ({@code ts}), or the time it arrived when the device gave none
 * @param receivedAt when home-hub received it
 */
@Serdeable
public record Reading(String sensorId, String room, String sensor, double value, String unit, Instant measuredAt,
                      Instant receivedAt) {
}
