package io.eventyard.shipping.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * {@code order.paid}, consumed from queue {@code order.paid}. payment-service copies the shipping address
 * into it from {@code order.placed}, so shipping needs no lookup; the amount is not shipping's concern.
 */
@Serdeable
public record OrderPaid(
        @NotBlank String orderId,
        @Nullable String paymentId,
        @Nullable Long amountMinor,
        @Nullable String currency,
        @NotNull @Valid ShippingAddress shippingAddress,
        @Nullable Instant paidAt) {
}
