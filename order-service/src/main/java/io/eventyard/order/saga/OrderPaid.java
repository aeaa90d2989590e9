package io.eventyard.order.saga;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * {@code order.paid} from payment-service.
 *
 * @param orderId     the order
 * @param paymentId   payment-service's id of the charge
 * @param amountMinor what was charged, in minor units
 * @param currency    ISO 4217 code
 * @param paidAt      when
 */
@Serdeable
public record OrderPaid(@NotBlank String orderId,
                        @NotBlank String paymentId,
                        long amountMinor,
                        @NotBlank String currency,
                        @NotNull Instant paidAt) {
}
