package io.eventyard.order.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code order.cancelled} on {@code shop.events}: payment-service refunds when it had charged the order
 * (the saga's compensation) and answers with {@code payment.refunded}.
 *
 * @param orderId     the order
 * @param wasPaid     whether order-service had seen the payment when the order was cancelled
 * @param amountMinor the order's total in minor units
 * @param currency    ISO 4217 code
 * @param reason      why, as the customer gave it (may be empty)
 */
@Serdeable
public record OrderCancelled(String orderId, boolean wasPaid, long amountMinor, String currency, String reason) {
}
