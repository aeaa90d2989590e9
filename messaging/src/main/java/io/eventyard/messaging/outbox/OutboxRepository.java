package io.eventyard.messaging.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.H2)
public interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

    /**
     * The next messages to publish: the oldest unpublished message of each aggregate, never a later one.
     * A later event of an order therefore leaves only after every earlier one was confirmed, which keeps
     * the events of one order in order even when a batch fails and is retried.
     */
    @Query("""
            SELECT o.* FROM outbox_message o
            WHERE o.published_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbox_message e
                              WHERE e.aggregate_id = o.aggregate_id AND e.published_at IS NULL AND e.id < o.id)
            ORDER BY o.id
            LIMIT :limit""")
    List<OutboxMessage> findPublishable(int limit);

    @Query("UPDATE outbox_message SET published_at = :publishedAt, attempts = attempts + 1 WHERE id IN (:ids)")
    void markPublished(List<Long> ids, Instant publishedAt);

    @Query("UPDATE outbox_message SET attempts = attempts + 1 WHERE id IN (:ids)")
    void countFailedAttempt(List<Long> ids);

    @Query("DELETE FROM outbox_message WHERE published_at < :before")
    int deletePublishedBefore(Instant before);

    long countByPublishedAtIsNull();
}
