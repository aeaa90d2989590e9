package io.eventyard.homehub.devices;

import java.time.Instant;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A device's availability changed, announced as an application event.
 *
 * @param reason {@code status} (the device's own {@code home/{device}/status}, or its will) or {@code timeout}
 *               (nothing heard from it for longer than its inactivity timeout)
 */
@Serdeable
public record Availability(String device, boolean online, Instant lastSeen, String reason) {
}
