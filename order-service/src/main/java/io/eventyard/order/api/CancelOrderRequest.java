package io.eventyard.order.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/**
 * The optional body of {@code POST /orders/{id}/cancel}.
 *
 * @param reason why, for the timeline and payment-service's refund
 */
@Serdeable
public record CancelOrderRequest(@Nullable @Size(max = 500) String reason) {
}
