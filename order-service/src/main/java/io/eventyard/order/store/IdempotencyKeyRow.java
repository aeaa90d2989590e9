package io.eventyard.order.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code idempotency_key}: which order a client's {@code Idempotency-Key} created. */
@MappedEntity(value = "idempotency_key", escape = false)
public record IdempotencyKeyRow(@Id String idempotencyKey,
                                String orderId,
                                String requestHash,
                                Instant createdAt) {
}
