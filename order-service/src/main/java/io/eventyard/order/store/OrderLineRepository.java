package io.eventyard.order.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.H2)
public interface OrderLineRepository extends GenericRepository<OrderLineRow, Long> {

    List<OrderLineRow> saveAll(Iterable<OrderLineRow> lines);

    List<OrderLineRow> findByOrderIdOrderByLineNo(String orderId);
}
