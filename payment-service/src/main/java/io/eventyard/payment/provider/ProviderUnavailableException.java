package io.eventyard.payment.provider;

/** The provider did not answer (timeout, 5xx): a transient failure, worth another attempt. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
