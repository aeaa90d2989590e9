package io.eventyard.payment.refund;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Refunds by order. */
@JdbcRepository(dialect = Dialect.H2)
public interface RefundRepository extends CrudRepository<Refund, Long> {

    List<Refund> findByOrderIdOrderByRefundedAt(String orderId);
}
