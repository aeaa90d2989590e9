package io.eventyard.order.service;

/** An {@code Idempotency-Key} came back with a different order than the one it created. Answered with 422. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    private final String key;
    private final String orderId;

    public IdempotencyKeyReusedException(String key, String orderId) {
        super("Idempotency-Key " + key + " was used for order " + orderId + " with a different request");
        this.key = key;
        this.orderId = orderId;
    }

    public String key() {
        return key;
    }

    public String orderId() {
        return orderId;
    }
}
