package io.eventyard.payment.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** {@code payment.failed}: declined, or the provider stayed unavailable ({@code reason} "provider unavailable"). */
@Serdeable
public record PaymentFailed(String orderId, String reason, Instant failedAt) {
}
