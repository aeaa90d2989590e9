package io.eventyard.payment.charge;

/** Where a payment stands. Stored by name. */
public enum PaymentStatus {
    /** The row claims the order while the provider is being called; never committed in this state. */
    PENDING,
    /** The provider approved the charge. */
    PAID,
    /** Declined, or the provider stayed unavailable; no money was taken. */
    FAILED,
    /** Charged, then paid back in full because the order was cancelled. */
    REFUNDED,
    /** The order was cancelled before its {@code order.placed} was handled: it will never be charged. */
    CANCELLED
}
