package io.eventyard.order.store;

import io.eventyard.order.domain.OrderStatus;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code orders}: the order without its lines and timeline. */
@MappedEntity(value = "orders", escape = false)
public record OrderRow(@Id String id,
                       String customerEmail,
                       String paymentToken,
                       String currency,
                       long totalMinor,
                       OrderStatus status,
                       String shipName,
                       String shipStreet,
                       String shipPostalCode,
                       String shipCity,
                       String shipCountry,
                       Instant placedAt,
                       Instant updatedAt) {
}
