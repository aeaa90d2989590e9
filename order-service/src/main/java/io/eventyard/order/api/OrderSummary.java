package io.eventyard.order.api;

import io.eventyard.order.domain.Money;
import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.store.OrderRow;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * An order in a list: no lines, no timeline.
 *
 * @param id            the order id
 * @param status        the current status
 * @param customerEmail the customer's address
 * @param currency      ISO 4217 code
 * @param total         the sum of all lines
 * @param totalMinor    the same in minor units
 * @param placedAt      when it was placed
 */
@Serdeable
public record OrderSummary(String id, OrderStatus status, String customerEmail, String currency, BigDecimal total,
                           long totalMinor, Instant placedAt) {

    static OrderSummary of(OrderRow row) {
        Money total = new Money(row.totalMinor(), Currency.getInstance(row.currency()));
        return new OrderSummary(row.id(), row.status(), row.customerEmail(), row.currency(), total.toDecimal(),
                row.totalMinor(), row.placedAt());
    }
}
