package io.eventyard.shipping.shipment;

import io.eventyard.messaging.outbox.Outbox;
import io.eventyard.messaging.outbox.OutgoingMessage;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.shipping.events.OrderPaid;
import io.eventyard.shipping.events.OrderShipped;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Ships a paid order once, and tells the shop. */
@Singleton
public class ShipmentService {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentService.class);

    private final ShipmentRepository shipments;
    private final TrackingNumbers trackingNumbers;
    private final Outbox outbox;

    public ShipmentService(ShipmentRepository shipments, TrackingNumbers trackingNumbers, Outbox outbox) {
        this.shipments = shipments;
        this.trackingNumbers = trackingNumbers;
        this.outbox = outbox;
    }

    /**
     * Creates the order's shipment unless it has one (the same order paid again under another message id),
     * and emits {@code order.shipped} in the same transaction. Two concurrent handlings of one order cannot
     * both ship: the second insert fails on the unique order_id and its message is redelivered.
     */
    @Transactional
    public void ship(OrderPaid paid) {
        try (var orderId = MDC.putCloseable("orderId", paid.orderId())) {
            if (shipments.existsByOrderId(paid.orderId())) {
                LOG.info("order already shipped; not shipping it again");
                return;
            }
            Carrier carrier = Carrier.forCountry(paid.shippingAddress().country());
            Shipment shipment = shipments.save(Shipment.shipped(paid.orderId(), paid.paymentId(),
                    paid.shippingAddress(), carrier, trackingNumbers.next(carrier), Instant.now()));
            LOG.info("shipped with {} as {}", shipment.carrier(), shipment.trackingNumber());
            OrderShipped shipped = new OrderShipped(shipment.orderId(), shipment.shipmentId(),
                    shipment.carrier().name(), shipment.trackingNumber(), shipment.shippedAt());
            outbox.add(OutgoingMessage.event(RoutingKeys.ORDER_SHIPPED, shipment.orderId(), shipped));
        }
    }
}
