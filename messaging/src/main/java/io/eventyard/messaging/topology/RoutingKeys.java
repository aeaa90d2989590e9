package io.eventyard.messaging.topology;

/** Routing keys on {@link ShopExchanges#EVENTS} and {@link ShopExchanges#EMAIL}. */
public final class RoutingKeys {

    public static final String ORDER_PLACED = "order.placed";
    public static final String ORDER_PAID = "order.paid";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String ORDER_SHIPPED = "order.shipped";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    public static final String EMAIL_SEND = "email.send";

    private RoutingKeys() {
    }
}
