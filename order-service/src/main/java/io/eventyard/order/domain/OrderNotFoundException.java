package io.eventyard.order.domain;

/** No order has this id. Answered with 404. */
public final class OrderNotFoundException extends RuntimeException {

    private final String orderId;

    public OrderNotFoundException(String orderId) {
        super("no order " + orderId);
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
