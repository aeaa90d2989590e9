package io.eventyard.payment.charge;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * The one payment of an order (the table has a unique constraint on {@code order_id}). Immutable: each
 * change of status is a new value that the repository updates.
 *
 * @param paymentId         the public id, sent in {@code order.paid}
 * @param providerReference the provider's charge id, once approved; needed to refund
 * @param attempts          provider calls the charge took (transient failures are retried)
 */
@MappedEntity(value = "payment", escape = false)
public record Payment(
        @Id @GeneratedValue @Nullable Long id,
        String orderId,
        String paymentId,
        PaymentStatus status,
        long amountMinor,
        String currency,
        @Nullable String providerReference,
        @Nullable String failureReason,
        int attempts,
        Instant createdAt,
        Instant updatedAt) {

    public static Payment pending(String orderId, long amountMinor, String currency, Instant now) {
        return new Payment(null, orderId, UUID.randomUUID().toString(), PaymentStatus.PENDING,
                amountMinor, currency, null, null, 0, now, now);
    }

    public static Payment cancelledBeforeCharge(String orderId, long amountMinor, String currency, Instant now) {
        return new Payment(null, orderId, UUID.randomUUID().toString(), PaymentStatus.CANCELLED,
                amountMinor, currency, null, "order cancelled before it was charged", 0, now, now);
    }

    public Payment paid(String chargeId, int attempts, Instant now) {
        return new Payment(id, orderId, paymentId, PaymentStatus.PAID, amountMinor, currency,
                chargeId, null, attempts, createdAt, now);
    }

    public Payment failed(String reason, int attempts, Instant now) {
        return new Payment(id, orderId, paymentId, PaymentStatus.FAILED, amountMinor, currency,
                null, reason, attempts, createdAt, now);
    }

    public Payment refunded(Instant now) {
        return new Payment(id, orderId, paymentId, PaymentStatus.REFUNDED, amountMinor, currency,
                providerReference, failureReason, attempts, createdAt, now);
    }
}
