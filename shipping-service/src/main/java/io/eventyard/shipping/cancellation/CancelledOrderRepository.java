package io.eventyard.shipping.cancellation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.H2)
public interface CancelledOrderRepository extends CrudRepository<CancelledOrder, String> {
}
