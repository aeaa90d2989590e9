package io.eventyard.payment.provider;

/** Every attempt {@link ProviderRetries} allowed ended with {@link ProviderUnavailableException}. */
public class ProviderGaveUpException extends RuntimeException {

    private final int attempts;

    public ProviderGaveUpException(int attempts, ProviderUnavailableException last) {
        super("payment provider unavailable after " + attempts + " attempt(s): " + last.getMessage(), last);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
