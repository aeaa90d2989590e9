package io.eventyard.payment.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;

/**
 * {@code order.placed}, consumed from queue {@code order.placed}. Only what the charge relies on is required;
 * the shipping address is required too because {@code order.paid} carries it on to shipping-service.
 */
@Serdeable
public record OrderPlaced(
        @NotBlank String orderId,
        @Nullable String customerEmail,
        @PositiveOrZero long amountMinor,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotBlank String paymentToken,
        @Nullable List<@Valid OrderLine> items,
        @NotNull @Valid ShippingAddress shippingAddress,
        @Nullable Instant placedAt) {
}
