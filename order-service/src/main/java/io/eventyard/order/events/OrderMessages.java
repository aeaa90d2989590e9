package io.eventyard.order.events;

import io.eventyard.messaging.outbox.Outbox;
import io.eventyard.messaging.outbox.OutgoingMessage;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopExchanges;
import io.eventyard.order.domain.Order;
import io.eventyard.order.domain.OrderLine;
import io.eventyard.order.domain.ShippingAddress;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every message order-service sends, written to the outbox in the caller's transaction, so that a message
 * leaves if and only if the change it reports is committed. The kit's relay publishes them in order per
 * order id.
 *
 * <p>Event message ids are {@code <orderId>:<event>} and e-mail ids {@code <orderId>:<template>}: each is
 * sent once per order, so a deterministic id lets every consumer drop a replay.
 */
@Singleton
public class OrderMessages {

    public static final String ORDER_CONFIRMATION = "order-confirmation";
    public static final String PAYMENT_RECEIPT = "payment-receipt";
    public static final String SHIPMENT_NOTICE = "shipment-notice";
    public static final String PAYMENT_FAILED = "payment-failed";

    private final Outbox outbox;

    OrderMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code order.placed} and the order confirmation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placed(Order order) {
        ShippingAddress address = order.shippingAddress();
        OrderPlaced event = new OrderPlaced(order.id(), order.customerEmail(), order.total().minorUnits(),
                order.currency().getCurrencyCode(), order.paymentToken(),
                order.lines().stream()
                        .map(line -> new OrderPlaced.Item(line.sku(), line.quantity(), line.unitPrice().minorUnits()))
                        .toList(),
                new OrderPlaced.Address(address.name(), address.street(), address.postalCode(), address.city(),
                        address.country()),
                order.placedAt());
        outbox.add(event(RoutingKeys.ORDER_PLACED, order.id(), event));
        Map<String, String> model = model(order);
        model.put("items", itemsSummary(order));
        email(order, ORDER_CONFIRMATION, model);
    }

    /**
     * {@code order.cancelled}: payment-service refunds what it charged. Sent a second time (with its own
     * message id) when a payment arrives after the cancellation, so that the late charge is refunded too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelled(Order order, boolean wasPaid, String reason, boolean afterLatePayment) {
        OrderCancelled event = new OrderCancelled(order.id(), wasPaid, order.total().minorUnits(),
                order.currency().getCurrencyCode(), reason == null ? "" : reason);
        String messageId = order.id() + ":" + RoutingKeys.ORDER_CANCELLED + (afterLatePayment ? ":late-payment" : "");
        outbox.add(new OutgoingMessage(ShopExchanges.EVENTS, RoutingKeys.ORDER_CANCELLED, order.id(), messageId, event));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void paymentReceipt(Order order, String paymentId) {
        Map<String, String> model = model(order);
        model.put("paymentId", paymentId);
        email(order, PAYMENT_RECEIPT, model);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shipmentNotice(Order order, String shipmentId, String carrier, String trackingNumber) {
        Map<String, String> model = model(order);
        model.put("shipmentId", shipmentId);
        model.put("carrier", carrier);
        model.put("trackingNumber", trackingNumber);
        email(order, SHIPMENT_NOTICE, model);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void paymentFailed(Order order, String reason) {
        Map<String, String> model = model(order);
        model.put("reason", reason);
        email(order, PAYMENT_FAILED, model);
    }

    private void email(Order order, String template, Map<String, String> model) {
        String messageId = order.id() + ":" + template;
        outbox.add(OutgoingMessage.emailCommand(order.id(),
                new EmailCommand(order.customerEmail(), template, Map.copyOf(model), messageId), messageId));
    }

    private static OutgoingMessage event(String routingKey, String orderId, Object payload) {
        return new OutgoingMessage(ShopExchanges.EVENTS, routingKey, orderId, orderId + ":" + routingKey, payload);
    }

    /** What every e-mail about the order can show. */
    private static Map<String, String> model(Order order) {
        Map<String, String> model = new LinkedHashMap<>();
        model.put("orderId", order.id());
        model.put("customerName", order.shippingAddress().name());
        model.put("total", order.total().toString());
        return model;
    }

    private static String itemsSummary(Order order) {
        StringBuilder summary = new StringBuilder();
        for (OrderLine line : order.lines()) {
            if (!summary.isEmpty()) {
                summary.append(", ");
            }
            summary.append(line.quantity()).append(" x ").append(line.sku()).append(" at ").append(line.unitPrice());
        }
        return summary.toString();
    }
}
