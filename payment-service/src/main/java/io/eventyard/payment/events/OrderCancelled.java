package io.eventyard.payment.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code order.cancelled}, consumed from queue {@code payment-service.refunds}: the compensation request.
 * {@code wasPaid} and the amount are order-service's view; payment-service refunds what it actually charged.
 */
@Serdeable
public record OrderCancelled(
        @NotBlank String orderId,
        boolean wasPaid,
        @PositiveOrZero long amountMinor,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @Nullable String reason) {
}
