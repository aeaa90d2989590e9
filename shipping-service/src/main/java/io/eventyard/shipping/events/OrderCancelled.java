package io.eventyard.shipping.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code order.cancelled}, consumed from queue {@code shipping-service.cancellations}: an order that must not
 * be shipped any more. Only the fields shipping needs; the rest of order-service's event is ignored.
 */
@Serdeable
public record OrderCancelled(@NotBlank String orderId, @Nullable String reason) {
}
