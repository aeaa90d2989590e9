package io.eventyard.payment.api;

/** No payment exists for the order: not placed, or its {@code order.placed} is not handled yet. */
public class PaymentNotFoundException extends RuntimeException {

    private final String orderId;

    public PaymentNotFoundException(String orderId) {
        super("no payment for order " + orderId);
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
