package io.eventyard.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An order and what happened to it. Immutable: each step returns a {@link Change} that names the new
 * status and the timeline entry to record, and the caller persists both.
 *
 * <p>The steps driven by messages ({@link #pay}, {@link #failPayment}, {@link #ship}, {@link #recordRefund})
 * are idempotent (a second {@code order.paid} changes nothing) and tolerate messages out of order: an
 * {@code order.shipped} that overtakes its {@code order.paid} moves the order straight to {@code SHIPPED},
 * and the late {@code order.paid} is recorded without moving it back. A cancelled order records every later
 * event in its timeline but keeps its status.
 *
 * @param id              the order id (a UUID), also the aggregate id of every message about the order
 * @param customerEmail   where the e-mails go
 * @param paymentToken    the card token that payment-service charges
 * @param currency        the currency of every line
 * @param lines           at least one line
 * @param shippingAddress where the parcel goes
 * @param status          the current status
 * @param placedAt        when the order was placed
 * @param timeline        what happened, oldest first
 */
public record Order(String id,
                    String customerEmail,
                    String paymentToken,
                    Currency currency,
                    List<OrderLine> lines,
                    ShippingAddress shippingAddress,
                    OrderStatus status,
                    Instant placedAt,
                    List<TimelineEntry> timeline) {

    public static final String PLACED = "order.placed";
    public static final String PAID = "order.paid";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String SHIPPED = "order.shipped";
    public static final String CANCELLED = "order.cancelled";
    public static final String REFUNDED = "payment.refunded";

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new IllegalArgumentException("line " + line.sku() + " is in " + line.unitPrice().currency()
                        + ", the order in " + currency);
            }
        }
    }

    /** A new order, waiting for its payment. */
    public static Order place(String id, String customerEmail, String paymentToken, Currency currency,
                              List<OrderLine> lines, ShippingAddress shippingAddress, Instant at) {
        TimelineEntry placed = new TimelineEntry(PLACED, OrderStatus.PENDING_PAYMENT, at, "order placed");
        return new Order(id, customerEmail, paymentToken, currency, lines, shippingAddress,
                OrderStatus.PENDING_PAYMENT, at, List.of(placed));
    }

    /** The sum of all lines. */
    public Money total() {
        Money total = Money.zero(currency);
        for (OrderLine line : lines) {
            total = total.plus(line.total());
        }
        return total;
    }

    /** Whether the timeline already holds this event: a message-driven step applies once. */
    public boolean hasSeen(String event) {
        return timeline.stream().anyMatch(entry -> entry.event().equals(event));
    }

    /** payment-service charged the order. */
    public Change pay(String paymentId, Instant at) {
        if (hasSeen(PAID)) {
            return Change.none(this);
        }
        return switch (status) {
            case PENDING_PAYMENT -> moveTo(OrderStatus.PAID, PAID, at, "paid, payment " + paymentId);
            case SHIPPED -> record(PAID, at, "paid, payment " + paymentId + " (confirmed after shipment)");
            case CANCELLED -> record(PAID, at, "payment " + paymentId + " arrived after cancellation; to be refunded");
            case PAYMENT_FAILED, PAID -> record(PAID, at, "payment " + paymentId + " ignored: status is " + status);
        };
    }

    /** payment-service could not charge the order. */
    public Change failPayment(String reason, Instant at) {
        if (hasSeen(PAYMENT_FAILED)) {
            return Change.none(this);
        }
        if (status == OrderStatus.PENDING_PAYMENT) {
            return moveTo(OrderStatus.PAYMENT_FAILED, PAYMENT_FAILED, at, "payment failed: " + reason);
        }
        return record(PAYMENT_FAILED, at, "payment failure (" + reason + ") ignored: status is " + status);
    }

    /** shipping-service sent the parcel. */
    public Change ship(String shipmentId, String carrier, String trackingNumber, Instant at) {
        if (hasSeen(SHIPPED)) {
            return Change.none(this);
        }
        String what = "shipment " + shipmentId + " with " + carrier + ", tracking " + trackingNumber;
        return switch (status) {
            case PENDING_PAYMENT, PAID -> moveTo(OrderStatus.SHIPPED, SHIPPED, at, "shipped: " + what);
            case SHIPPED, PAYMENT_FAILED, CANCELLED -> record(SHIPPED, at, what + " ignored: status is " + status);
        };
    }

    /** payment-service gave the money back after a cancellation. Never moves the status. */
    public Change recordRefund(String refundId, Money amount, Instant at) {
        if (hasSeen(REFUNDED)) {
            return Change.none(this);
        }
        return record(REFUNDED, at, "refunded " + amount + ", refund " + refundId);
    }

    /**
     * The customer cancels.
     *
     * @throws OrderNotCancellableException once the order is shipped, failed or already cancelled
     */
    public Change cancel(String reason, Instant at) {
        if (!status.isCancellable()) {
            throw new OrderNotCancellableException(id, status);
        }
        String note = reason == null || reason.isBlank() ? "cancelled" : "cancelled: " + reason;
        return moveTo(OrderStatus.CANCELLED, CANCELLED, at, note);
    }

    private Change moveTo(OrderStatus next, String event, Instant at, String note) {
        return Change.of(this, next, new TimelineEntry(event, next, at, note));
    }

    private Change record(String event, Instant at, String note) {
        return Change.of(this, status, new TimelineEntry(event, status, at, note));
    }

    Order with(OrderStatus next, TimelineEntry entry) {
        List<TimelineEntry> longer = new ArrayList<>(timeline);
        longer.add(entry);
        return new Order(id, customerEmail, paymentToken, currency, lines, shippingAddress, next, placedAt, longer);
    }
}
