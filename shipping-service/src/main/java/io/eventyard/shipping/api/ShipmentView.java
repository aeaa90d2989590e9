package io.eventyard.shipping.api;

import io.eventyard.shipping.events.ShippingAddress;
import io.eventyard.shipping.shipment.Shipment;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The body of {@code GET /shipments/{orderId}}. */
@Serdeable
public record ShipmentView(
        String orderId,
        String shipmentId,
        String status,
        String carrier,
        String trackingNumber,
        ShippingAddress shippingAddress,
        Instant shippedAt) {

    static ShipmentView of(Shipment shipment) {
        return new ShipmentView(shipment.orderId(), shipment.shipmentId(), "SHIPPED", shipment.carrier().name(),
                shipment.trackingNumber(),
                new ShippingAddress(shipment.recipientName(), shipment.street(), shipment.city(),
                        shipment.postalCode(), shipment.country()),
                shipment.shippedAt());
    }
}
