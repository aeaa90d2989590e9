package io.eventyard.payment.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** {@code order.paid}: the charge was approved. Carries the shipping address so that shipping-service needs no lookup. */
@Serdeable
public record OrderPaid(
        String orderId,
        String paymentId,
        long amountMinor,
        String currency,
        ShippingAddress shippingAddress,
        Instant paidAt) {
}
