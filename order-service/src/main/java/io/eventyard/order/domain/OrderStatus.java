package io.eventyard.order.domain;

/**
 * Where an order stands. The happy path is {@code PENDING_PAYMENT -> PAID -> SHIPPED}; payment can fail
 * ({@code PAYMENT_FAILED}); a customer can cancel before shipment ({@code CANCELLED}).
 * {@code SHIPPED}, {@code PAYMENT_FAILED} and {@code CANCELLED} are final.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    SHIPPED,
    PAYMENT_FAILED,
    CANCELLED;

    public boolean isCancellable() {
        return this == PENDING_PAYMENT || this == PAID;
    }
}
