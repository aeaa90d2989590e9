package io.eventyard.payment.refund;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * Money paid back for a cancelled order. Only full refunds exist, so there is at most one per order
 * (unique {@code order_id}).
 *
 * @param refundId the provider's refund reference, sent in {@code payment.refunded}
 */
@MappedEntity(value = "refund", escape = false)
public record Refund(
        @Id @GeneratedValue @Nullable Long id,
        String orderId,
        String refundId,
        long amountMinor,
        String currency,
        Instant refundedAt) {
}
