package io.eventyard.messaging.topology;

/** The queues of the shop; each is consumed by one service (or by nobody, for the retry and parking queues). */
public final class ShopQueues {

    /** order.placed events, consumed by payment-service. */
    public static final String ORDER_PLACED = "order.placed";
    /** order.paid events, consumed by shipping-service. */
    public static final String ORDER_PAID = "order.paid";
    /** Everything that moves an order's status, consumed by order-service's saga. */
    public static final String ORDER_SAGA = "order-service.saga";
    /** order.cancelled events, consumed by payment-service to refund (the saga's compensation). */
    public static final String PAYMENT_REFUNDS = "payment-service.refunds";
    /** order.cancelled events, consumed by shipping-service so that a cancelled order is not shipped. */
    public static final String SHIPPING_CANCELLATIONS = "shipping-service.cancellations";
    /** e-mail commands, consumed by email-worker. */
    public static final String EMAIL_SEND = "email.send";
    /** Failed e-mail commands waiting for their TTL; no consumer. */
    public static final String EMAIL_RETRY = "email.retry";
    /** e-mail commands that failed for good; inspected and replayed through email-worker's admin API. */
    public static final String EMAIL_DEAD = "email.dead";
    /** Poison messages of every queue. */
    public static final String SHOP_DEAD = "shop.dead";

    private ShopQueues() {
    }
}
