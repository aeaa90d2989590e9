package io.eventyard.payment.provider;

/** The provider's reference of a refund it made. */
public record RefundReceipt(String refundId) {
}
