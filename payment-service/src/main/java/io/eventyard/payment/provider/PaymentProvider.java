package io.eventyard.payment.provider;

/**
 * The port to whoever moves the money. Both calls take an idempotency key (the order id), as real card
 * providers do, so that a call repeated after a timeout cannot charge or refund twice.
 */
public interface PaymentProvider {

    /**
     * @throws ProviderUnavailableException when the provider could not answer; the call may be retried
     */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * @throws ProviderUnavailableException when the provider could not answer; the call may be retried
     */
    RefundReceipt refund(RefundRequest request);
}
