package io.eventyard.order.store;

import io.eventyard.order.domain.OrderStatus;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Compiled for H2. The entities are mapped with {@code escape = false}: the queries are then plain SQL that
 * H2 and PostgreSQL both run (H2's escaping with backticks is not PostgreSQL's), which is what lets
 * {@code datasources.default.dialect} alone move the service to PostgreSQL.
 */
@JdbcRepository(dialect = Dialect.H2)
public interface OrderRowRepository extends CrudRepository<OrderRow, String> {

    /** Locks the row until the transaction ends, so a cancel and a saga step never interleave. */
    Optional<OrderRow> findByIdForUpdate(String id);

    Page<OrderRow> findAll(Pageable pageable);

    Page<OrderRow> findByStatus(OrderStatus status, Pageable pageable);

    void update(@Id String id, OrderStatus status, Instant updatedAt);
}
