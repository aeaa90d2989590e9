package io.eventyard.order.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code idempotency_key}: which order a client's {@code Idempotency-Key} created. */
@MappedEntity("idempotency_key")
public record IdempotencyKeyRow(@Id @MappedProperty("idempotency_key") String key,
                                String orderId,
                                String requestHash,
                                Instant createdAt) {
}
