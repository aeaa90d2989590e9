package io.eventyard.order.saga;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code payment.refunded} from payment-service, its answer to {@code order.cancelled} for a charged order.
 *
 * @param orderId     the order
 * @param refundId    payment-service's id of the refund
 * @param amountMinor what was refunded, in minor units
 * @param currency    ISO 4217 code
 */
@Serdeable
public record PaymentRefunded(@NotBlank String orderId, @NotBlank String refundId, long amountMinor,
                              @NotBlank String currency) {
}
