package io.eventyard.order.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code order_line}; {@code lineNo} keeps the order the customer wrote the lines in. */
@MappedEntity(value = "order_line", escape = false)
public record OrderLineRow(@Id @GeneratedValue @Nullable Long id,
                           String orderId,
                           int lineNo,
                           String sku,
                           int quantity,
                           long unitPriceMinor) {
}
