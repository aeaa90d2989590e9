package io.eventyard.shipping.shipment;

import io.eventyard.shipping.events.ShippingAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * The one shipment of a paid order (unique {@code order_id}). The simulation hands the parcel to the carrier
 * as soon as the shipment exists, so every shipment is shipped.
 *
 * @param shipmentId the public id, sent in {@code order.shipped}
 */
@MappedEntity(value = "shipment", escape = false)
public record Shipment(
        @Id @GeneratedValue @Nullable Long id,
        String orderId,
        String shipmentId,
        @Nullable String paymentId,
        Carrier carrier,
        String trackingNumber,
        String recipientName,
        String street,
        String city,
        String postalCode,
        String country,
        Instant shippedAt) {

    public static Shipment shipped(String orderId, @Nullable String paymentId, ShippingAddress address,
                                   Carrier carrier, String trackingNumber, Instant shippedAt) {
        return new Shipment(null, orderId, UUID.randomUUID().toString(), paymentId, carrier, trackingNumber,
                address.name(), address.street(), address.city(), address.postalCode(), address.country(),
                shippedAt);
    }
}
