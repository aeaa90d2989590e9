package io.eventyard.order.service;

import io.eventyard.messaging.inbound.LogContext;
import io.eventyard.order.domain.Change;
import io.eventyard.order.domain.Order;
import io.eventyard.order.domain.OrderNotFoundException;
import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.events.OrderMessages;
import io.eventyard.order.store.IdempotencyKeyRepository;
import io.eventyard.order.store.IdempotencyKeyRow;
import io.eventyard.order.store.OrderRow;
import io.eventyard.order.store.OrderStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Places, cancels and reads orders. Every change is one transaction holding the order rows and the
 * outbox rows of the messages that report it.
 */
@Singleton
public class OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    /** Attempts for a keyed placement that loses a race on its key to a transaction not yet committed. */
    private static final int KEY_CONFLICT_ATTEMPTS = 5;

    private final TransactionOperations<Connection> transactions;
    private final OrderStore store;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final OrderMessages messages;
    private final Clock clock;

    OrderService(TransactionOperations<Connection> transactions, OrderStore store,
                 IdempotencyKeyRepository idempotencyKeys, OrderMessages messages, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.idempotencyKeys = idempotencyKeys;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Places an order, or with an {@code idempotencyKey} returns the order that key already placed.
     * Two requests racing with one key: both insert the key row, the database lets one commit, and the
     * other's transaction (its order and messages included) rolls back; that one then reads the winner.
     *
     * @throws IdempotencyKeyReusedException when the key placed a different order
     */
    public Placement place(NewOrder newOrder, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Placement(transactions.executeWrite(status -> insert(newOrder, null)), true);
        }
        String fingerprint = newOrder.fingerprint();
        DataAccessException lastConflict = null;
        for (int attempt = 0; attempt < KEY_CONFLICT_ATTEMPTS; attempt++) {
            Optional<Placement> earlier = earlierPlacement(idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            try {
                return new Placement(transactions.executeWrite(status ->
                        insert(newOrder, new KeyUse(idempotencyKey, fingerprint))), true);
            } catch (DataAccessException conflict) {
                LOG.debug("Idempotency-Key {} taken by a concurrent request; reading its order", idempotencyKey);
                lastConflict = conflict;
            }
        }
        throw lastConflict;
    }

    /**
     * Cancels an order that is not shipped yet. payment-service refunds a payment it made (compensation).
     *
     * @throws OrderNotFoundException                                    when there is no such order
     * @throws io.eventyard.order.domain.OrderNotCancellableException when it is too late
     */
    public Order cancel(String orderId, @Nullable String reason) {
        return withOrderId(orderId, () -> transactions.executeWrite(status -> {
            Order order = store.findForUpdate(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            boolean wasPaid = order.status() == OrderStatus.PAID;
            Change change = order.cancel(reason, clock.instant());
            store.apply(change);
            messages.cancelled(change.after(), wasPaid, reason, false);
            LOG.info("Order cancelled (was paid: {})", wasPaid);
            return change.after();
        }));
    }

    public Order get(String orderId) {
        return store.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    public Page<OrderRow> page(Optional<OrderStatus> status, Pageable pageable) {
        return store.page(status, pageable);
    }

    private Order insert(NewOrder newOrder, @Nullable KeyUse keyUse) {
        Order order = Order.place(UUID.randomUUID().toString(), newOrder.customerEmail(), newOrder.paymentToken(),
                newOrder.currency(), newOrder.lines(), newOrder.shippingAddress(), clock.instant());
        return withOrderId(order.id(), () -> {
            store.insert(order);
            if (keyUse != null) {
                idempotencyKeys.save(new IdempotencyKeyRow(keyUse.key(), order.id(), keyUse.fingerprint(),
                        order.placedAt()));
            }
            messages.placed(order);
            LOG.info("Order placed: {} in {} lines", order.total(), order.lines().size());
            return order;
        });
    }

    private Optional<Placement> earlierPlacement(String key, String fingerprint) {
        return transactions.executeRead(status -> idempotencyKeys.findById(key).map(row -> {
            if (!row.requestHash().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException(key, row.orderId());
            }
            return new Placement(get(row.orderId()), false);
        }));
    }

    /**
     * Puts the order id, and the trace id of the HTTP request's span, in the log context while {@code work}
     * runs; the saga's log lines carry the same trace id through the messages' {@code traceparent}.
     */
    private static <T> T withOrderId(String orderId, Supplier<T> work) {
        SpanContext span = Span.current().getSpanContext();
        try (MDC.MDCCloseable order = MDC.putCloseable(LogContext.ORDER_ID, orderId);
             MDC.MDCCloseable trace = MDC.putCloseable(LogContext.TRACE_ID, span.isValid() ? span.getTraceId() : null)) {
            return work.get();
        }
    }

    private record KeyUse(String key, String fingerprint) {
    }
}
