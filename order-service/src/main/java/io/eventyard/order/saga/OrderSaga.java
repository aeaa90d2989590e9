package io.eventyard.order.saga;

import io.eventyard.order.domain.Change;
import io.eventyard.order.domain.Money;
import io.eventyard.order.domain.Order;
import io.eventyard.order.domain.OrderNotFoundException;
import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.events.OrderMessages;
import io.eventyard.order.store.OrderStore;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Currency;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga's steps: what each event from payment-service and shipping-service does to an order and
 * which e-mails it sends. Each step runs in the consumer's transaction (with its inbox row), reads the order
 * with a row lock, and is idempotent and tolerant of order (see {@link Order}).
 */
@Singleton
public class OrderSaga {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderStore store;
    private final OrderMessages messages;
    private final Clock clock;

    OrderSaga(OrderStore store, OrderMessages messages, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Payment made: {@code PAID} and a receipt. A payment for a cancelled order that had not been paid when
     * it was cancelled is refunded: a second {@code order.cancelled}, this time with {@code wasPaid}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change paid(OrderPaid event) {
        return step(event.orderId(), order -> order.pay(event.paymentId(), event.paidAt()), change -> {
            OrderStatus now = change.after().status();
            if (now == OrderStatus.PAID || now == OrderStatus.SHIPPED) {
                messages.paymentReceipt(change.after(), event.paymentId());
            } else if (now == OrderStatus.CANCELLED) {
                LOG.warn("Payment {} arrived after the order was cancelled; asking for a refund", event.paymentId());
                messages.cancelled(change.after(), true, "paid after cancellation", true);
            }
        });
    }

    /** Payment refused: {@code PAYMENT_FAILED} and a mail saying so. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change paymentFailed(PaymentFailed event) {
        return step(event.orderId(), order -> order.failPayment(event.reason(), event.failedAt()), change -> {
            if (change.movedTo(OrderStatus.PAYMENT_FAILED)) {
                messages.paymentFailed(change.after(), event.reason());
            }
        });
    }

    /** Parcel sent: {@code SHIPPED}, even when the payment's event has not arrived yet, and a shipment notice. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change shipped(OrderShipped event) {
        return step(event.orderId(),
                order -> order.ship(event.shipmentId(), event.carrier(), event.trackingNumber(), event.shippedAt()),
                change -> {
                    if (change.movedTo(OrderStatus.SHIPPED)) {
                        messages.shipmentNotice(change.after(), event.shipmentId(), event.carrier(),
                                event.trackingNumber());
                    }
                });
    }

    /** Money given back after a cancellation: a timeline entry, nothing else. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change refunded(PaymentRefunded event) {
        Money amount = new Money(event.amountMinor(), Currency.getInstance(event.currency()));
        return step(event.orderId(), order -> order.recordRefund(event.refundId(), amount, clock.instant()),
                change -> { });
    }

    private Change step(String orderId, Function<Order, Change> decide, java.util.function.Consumer<Change> notify) {
        Order order = store.findForUpdate(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        Change change = decide.apply(order);
        if (change.isEmpty()) {
            LOG.info("Already applied; nothing to do");
            return change;
        }
        store.apply(change);
        notify.accept(change);
        LOG.info("{} -> {}: {}", change.before().status(), change.after().status(), change.entry().get().note());
        return change;
    }
}
