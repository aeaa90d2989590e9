package io.eventyard.messaging.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of the outbox: a message written in the same transaction as the business change that caused it,
 * waiting for the relay to publish it. {@code publishedAt} is set only once the broker has confirmed it.
 *
 * <p>{@code escape = false}: the queries are compiled for H2 and reused on PostgreSQL, and H2's quoting
 * (backticks) is not PostgreSQL's; the names are plain lower-case words that need no quoting anywhere.
 */
@MappedEntity(value = "outbox_message", escape = false)
public record OutboxMessage(
        @Id @GeneratedValue @Nullable Long id,
        String messageId,
        String exchangeName,
        String routingKey,
        String aggregateId,
        String payload,
        @Nullable String traceparent,
        Instant createdAt,
        @Nullable Instant publishedAt,
        int attempts) {
}
