package io.eventyard.order.api;

import io.eventyard.order.domain.Order;
import io.eventyard.order.domain.OrderLine;
import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.domain.ShippingAddress;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as {@code GET /orders/{id}} shows it. Amounts come twice: as a decimal for people and in minor
 * units for programs; both exact.
 *
 * @param id              the order id
 * @param status          the current status
 * @param customerEmail   the customer's address
 * @param currency        ISO 4217 code
 * @param total           the sum of all lines
 * @param totalMinor      the same in minor units
 * @param items           the lines
 * @param shippingAddress where the parcel goes
 * @param placedAt        when it was placed
 * @param timeline        what happened, oldest first
 */
@Serdeable
public record OrderView(String id,
                        OrderStatus status,
                        String customerEmail,
                        String currency,
                        BigDecimal total,
                        long totalMinor,
                        List<Item> items,
                        PlaceOrderRequest.Address shippingAddress,
                        Instant placedAt,
                        List<TimelineView> timeline) {

    /**
     * One line.
     *
     * @param sku            article number
     * @param quantity       how many
     * @param unitPrice      price of one
     * @param unitPriceMinor the same in minor units
     * @param lineTotal      quantity times unit price
     */
    @Serdeable
    public record Item(String sku, int quantity, BigDecimal unitPrice, long unitPriceMinor, BigDecimal lineTotal) {
    }

    static OrderView of(Order order) {
        ShippingAddress address = order.shippingAddress();
        return new OrderView(order.id(), order.status(), order.customerEmail(), order.currency().getCurrencyCode(),
                order.total().toDecimal(), order.total().minorUnits(),
                order.lines().stream().map(OrderView::item).toList(),
                new PlaceOrderRequest.Address(address.name(), address.street(), address.postalCode(), address.city(),
                        address.country()),
                order.placedAt(), order.timeline().stream().map(TimelineView::of).toList());
    }

    private static Item item(OrderLine line) {
        return new Item(line.sku(), line.quantity(), line.unitPrice().toDecimal(), line.unitPrice().minorUnits(),
                line.total().toDecimal());
    }
}
