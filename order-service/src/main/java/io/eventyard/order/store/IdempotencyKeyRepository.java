package io.eventyard.order.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.H2)
public interface IdempotencyKeyRepository extends GenericRepository<IdempotencyKeyRow, String> {

    IdempotencyKeyRow save(IdempotencyKeyRow row);

    Optional<IdempotencyKeyRow> findById(String key);
}
