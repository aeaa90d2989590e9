package io.eventyard.payment.events;

import io.micronaut.serde.annotation.Serdeable;

/** One line of {@link OrderPlaced}; payment-service charges the order's total and does not read the lines. */
@Serdeable
public record OrderLine(String sku, int quantity, long unitPriceMinor) {
}
