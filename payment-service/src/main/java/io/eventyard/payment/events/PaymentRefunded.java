package io.eventyard.payment.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** {@code payment.refunded}: the charge of a cancelled order was paid back in full. */
@Serdeable
public record PaymentRefunded(String orderId, String refundId, long amountMinor, String currency, Instant refundedAt) {
}
