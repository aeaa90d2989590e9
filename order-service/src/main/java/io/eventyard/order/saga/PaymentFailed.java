package io.eventyard.order.saga;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * {@code payment.failed} from payment-service.
 *
 * @param orderId  the order
 * @param reason   why: declined, insufficient funds, provider unavailable
 * @param failedAt when
 */
@Serdeable
public record PaymentFailed(@NotBlank String orderId, @NotBlank String reason, @NotNull Instant failedAt) {
}
