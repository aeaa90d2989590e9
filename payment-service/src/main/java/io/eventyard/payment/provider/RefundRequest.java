package io.eventyard.payment.provider;

/** Pay back {@code amountMinor} of {@code currency} of the charge {@code chargeId}. */
public record RefundRequest(String idempotencyKey, String chargeId, long amountMinor, String currency) {
}
