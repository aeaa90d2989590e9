package io.eventyard.shipping.shipment;

import io.eventyard.messaging.outbox.Outbox;
import io.eventyard.messaging.outbox.OutgoingMessage;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.shipping.cancellation.CancelledOrder;
import io.eventyard.shipping.cancellation.CancelledOrderRepository;
import io.eventyard.shipping.events.OrderCancelled;
import io.eventyard.shipping.events.OrderPaid;
import io.eventyard.shipping.events.OrderShipped;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Ships a paid order once, unless it was cancelled first, and tells the shop. */
@Singleton
public class ShipmentService {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentService.class);

    private final ShipmentRepository shipments;
    private final TrackingNumbers trackingNumbers;
    private final CancelledOrderRepository cancellations;
    private final Outbox outbox;

    public ShipmentService(ShipmentRepository shipments, TrackingNumbers trackingNumbers,
                           CancelledOrderRepository cancellations, Outbox outbox) {
        this.shipments = shipments;
        this.cancellations = cancellations;
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
            if (cancellations.existsById(paid.orderId())) {
                LOG.info("order was cancelled; not shipping it (payment-service refunds it)");
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

    /**
     * Remembers that the order must not be shipped. Too late when its parcel has already left: the saga then
     * sees {@code order.shipped} for a cancelled order and records it.
     */
    @Transactional
    public void holdBack(OrderCancelled cancelled) {
        try (var orderId = MDC.putCloseable("orderId", cancelled.orderId())) {
            if (shipments.existsByOrderId(cancelled.orderId())) {
                LOG.warn("order cancelled after it was shipped; the parcel has left");
                return;
            }
            if (!cancellations.existsById(cancelled.orderId())) {
                cancellations.save(new CancelledOrder(cancelled.orderId(), Instant.now()));
                LOG.info("order cancelled before shipping; it will not be shipped");
            }
        }
    }
}
