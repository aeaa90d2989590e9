package io.eventyard.payment.provider;

/** Charge {@code amountMinor} of {@code currency} to the card behind {@code paymentToken}. */
public record ChargeRequest(String idempotencyKey, String paymentToken, long amountMinor, String currency) {
}
