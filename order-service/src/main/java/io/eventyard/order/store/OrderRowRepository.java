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

/** Compiled for H2; {@code datasources.default.dialect} switches it to PostgreSQL at run time. */
@JdbcRepository(dialect = Dialect.H2)
public interface OrderRowRepository extends CrudRepository<OrderRow, String> {

    /** Locks the row until the transaction ends, so a cancel and a saga step never interleave. */
    Optional<OrderRow> findByIdForUpdate(String id);

    Page<OrderRow> findAll(Pageable pageable);

    Page<OrderRow> findByStatus(OrderStatus status, Pageable pageable);

    void update(@Id String id, OrderStatus status, Instant updatedAt);
}
