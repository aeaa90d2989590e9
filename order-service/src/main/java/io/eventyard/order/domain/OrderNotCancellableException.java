package io.eventyard.order.domain;

/** A cancel came too late (shipped, payment failed) or twice. Answered with 409. */
public final class OrderNotCancellableException extends RuntimeException {

    private final String orderId;
    private final OrderStatus status;

    public OrderNotCancellableException(String orderId, OrderStatus status) {
        super("order " + orderId + " cannot be cancelled: it is " + status);
        this.orderId = orderId;
        this.status = status;
    }

    public String orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }
}
