package io.eventyard.payment.provider;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code payment.provider.*}: how often a transiently failing provider call is tried and how long to wait
 * between tries. The retries happen while the message is being handled, so the backoff stays small: the
 * delivery, its transaction and the payment row are held meanwhile.
 *
 * @param maxAttempts attempts in all, the first included (default 3)
 * @param backoff     wait before the second attempt; doubles for each further one (default 50ms)
 */
@ConfigurationProperties("payment.provider")
public record PaymentProviderConfiguration(
        @Bindable(defaultValue = "3") @Min(1) int maxAttempts,
        @Bindable(defaultValue = "50ms") Duration backoff) {
}
