package io.eventyard.homehub.fleet;

import java.time.Instant;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A vehicle position, announced as an application event once it is stored.
 *
 * @param speedKmh   null when the device did not say
 * @param heading    degrees from north, null when unknown
 * @param accuracy   metres, null when unknown
 * @param fixTime    when the device took the fix ({@code ts}), kept apart from {@code receivedAt}
 * @param receivedAt when home-hub received it
 */
@Serdeable
public record Position(String vehicleId, double lat, double lon, Double speedKmh, Double heading, Double accuracy,
                       Instant fixTime, Instant receivedAt) {
}
