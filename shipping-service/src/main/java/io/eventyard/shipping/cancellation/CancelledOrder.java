package io.eventyard.shipping.cancellation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An order that was cancelled before shipping saw it paid, or while it was paid but not yet shipped. */
@MappedEntity(value = "cancelled_order", escape = false)
public record CancelledOrder(@Id String orderId, Instant cancelledAt) {
}
