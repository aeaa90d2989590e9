package io.eventyard.shipping.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** {@code order.shipped}: the parcel was handed to {@code carrier} and can be tracked by {@code trackingNumber}. */
@Serdeable
public record OrderShipped(String orderId, String shipmentId, String carrier, String trackingNumber, Instant shippedAt) {
}
