package io.eventyard.payment.provider;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the provider again after a {@link ProviderUnavailableException}, up to
 * {@link PaymentProviderConfiguration#maxAttempts()} attempts with a doubling backoff. Retrying is safe
 * because every provider call carries an idempotency key.
 */
@Singleton
public class ProviderRetries {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRetries.class);

    private final int maxAttempts;
    private final Duration firstBackoff;

    public ProviderRetries(PaymentProviderConfiguration configuration) {
        this.maxAttempts = configuration.maxAttempts();
        this.firstBackoff = configuration.backoff();
    }

    /** The value of the first attempt that got an answer, and how many attempts that took. */
    public record Answered<T>(T value, int attempts) {
    }

    /**
     * @throws ProviderGaveUpException when the last allowed attempt failed transiently as well
     */
    public <T> Answered<T> call(String what, Supplier<T> providerCall) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return new Answered<>(providerCall.get(), attempt);
            } catch (ProviderUnavailableException e) {
                if (attempt >= maxAttempts) {
                    LOG.warn("{}: attempt {}/{} failed ({}); giving up", what, attempt, maxAttempts, e.getMessage());
                    throw new ProviderGaveUpException(attempt, e);
                }
                LOG.info("{}: attempt {}/{} failed ({}); retrying in {} ms",
                        what, attempt, maxAttempts, e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry the payment provider", e);
        }
    }
}
