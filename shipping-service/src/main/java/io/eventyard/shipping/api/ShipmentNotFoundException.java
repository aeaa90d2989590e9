package io.eventyard.shipping.api;

/** No shipment exists for the order: not paid, or its {@code order.paid} is not handled yet. */
public class ShipmentNotFoundException extends RuntimeException {

    public ShipmentNotFoundException(String orderId) {
        super("no shipment for order " + orderId);
    }
}
