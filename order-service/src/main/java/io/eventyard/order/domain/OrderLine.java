package io.eventyard.order.domain;

import java.util.Objects;

/**
 * One line of an order.
 *
 * @param sku       the article number
 * @param quantity  how many, at least one
 * @param unitPrice the price of one, in the order's currency
 */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
