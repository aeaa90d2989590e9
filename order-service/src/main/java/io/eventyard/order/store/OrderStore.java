package io.eventyard.order.store;

import io.eventyard.order.domain.Change;
import io.eventyard.order.domain.Money;
import io.eventyard.order.domain.Order;
import io.eventyard.order.domain.OrderLine;
import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.domain.ShippingAddress;
import io.eventyard.order.domain.TimelineEntry;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@link Order}s in three tables (orders, lines, timeline). Callers own the transaction; the
 * methods are {@code MANDATORY} so that an order never reaches the database apart from its outbox rows.
 */
@Singleton
public class OrderStore {

    private final OrderRowRepository orders;
    private final OrderLineRepository lines;
    private final TimelineRepository timeline;

    OrderStore(OrderRowRepository orders, OrderLineRepository lines, TimelineRepository timeline) {
        this.orders = orders;
        this.lines = lines;
        this.timeline = timeline;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(Order order) {
        ShippingAddress address = order.shippingAddress();
        orders.save(new OrderRow(order.id(), order.customerEmail(), order.paymentToken(),
                order.currency().getCurrencyCode(), order.total().minorUnits(), order.status(),
                address.name(), address.street(), address.postalCode(), address.city(), address.country(),
                order.placedAt(), order.placedAt()));
        List<OrderLineRow> lineRows = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            lineRows.add(new OrderLineRow(null, order.id(), i, line.sku(), line.quantity(),
                    line.unitPrice().minorUnits()));
        }
        lines.saveAll(lineRows);
        order.timeline().forEach(entry -> appendEntry(order.id(), entry));
    }

    /** Persists a step: the new status and its timeline entry. A step that changed nothing writes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Change change) {
        change.entry().ifPresent(entry -> {
            if (change.moved()) {
                orders.update(change.after().id(), change.after().status(), entry.at());
            }
            appendEntry(change.after().id(), entry);
        });
    }

    /** The order, its row locked until the transaction ends: the way to read an order before changing it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Order> findForUpdate(String id) {
        return orders.findByIdForUpdate(id).map(this::assemble);
    }

    @ReadOnly
    public Optional<Order> find(String id) {
        return orders.findById(id).map(this::assemble);
    }

    /** A page of orders without their lines and timelines, newest first. */
    @ReadOnly
    public Page<OrderRow> page(Optional<OrderStatus> status, Pageable pageable) {
        return status.map(s -> orders.findByStatus(s, pageable)).orElseGet(() -> orders.findAll(pageable));
    }

    private void appendEntry(String orderId, TimelineEntry entry) {
        timeline.save(new TimelineRow(null, orderId, entry.event(), entry.status(), entry.at(), entry.note()));
    }

    private Order assemble(OrderRow row) {
        Currency currency = Currency.getInstance(row.currency());
        List<OrderLine> orderLines = lines.findByOrderIdOrderByLineNo(row.id()).stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), new Money(line.unitPriceMinor(), currency)))
                .toList();
        List<TimelineEntry> entries = timeline.findByOrderIdOrderById(row.id()).stream()
                .map(entry -> new TimelineEntry(entry.event(), entry.status(), entry.occurredAt(), entry.note()))
                .toList();
        ShippingAddress address = new ShippingAddress(row.shipName(), row.shipStreet(), row.shipPostalCode(),
                row.shipCity(), row.shipCountry());
        return new Order(row.id(), row.customerEmail(), row.paymentToken(), currency, orderLines, address,
                row.status(), row.placedAt(), entries);
    }
}
