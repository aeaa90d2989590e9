package io.eventyard.payment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventyard.payment.charge.Payment;
import io.eventyard.payment.charge.PaymentStatus;
import io.eventyard.payment.refund.Refund;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** The body of {@code GET /payments/{orderId}}. */
@Serdeable
public record PaymentView(
        String orderId,
        String paymentId,
        PaymentStatus status,
        long amountMinor,
        String currency,
        @Nullable String failureReason,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        // shown as [] when there are none, not left out (serde's default for empty collections)
        @JsonInclude(JsonInclude.Include.ALWAYS) List<RefundView> refunds) {

    @Serdeable
    public record RefundView(String refundId, long amountMinor, String currency, Instant refundedAt) {
    }

    static PaymentView of(Payment payment, List<Refund> refunds) {
        return new PaymentView(payment.orderId(), payment.paymentId(), payment.status(), payment.amountMinor(),
                payment.currency(), payment.failureReason(), payment.attempts(), payment.createdAt(),
                payment.updatedAt(),
                refunds.stream()
                        .map(r -> new RefundView(r.refundId(), r.amountMinor(), r.currency(), r.refundedAt()))
                        .toList());
    }
}
