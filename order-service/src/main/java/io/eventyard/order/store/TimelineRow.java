package io.eventyard.order.store;

import io.eventyard.order.domain.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code order_timeline}; the generated id orders entries as they were recorded. */
@MappedEntity(value = "order_timeline", escape = false)
public record TimelineRow(@Id @GeneratedValue @Nullable Long id,
                          String orderId,
                          String event,
                          OrderStatus status,
                          Instant occurredAt,
                          String note) {
}
