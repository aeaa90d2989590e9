package io.eventyard.shipping.shipment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** Shipments by order. Compiled for H2; {@code datasources.default.dialect} switches it to PostgreSQL at runtime. */
@JdbcRepository(dialect = Dialect.H2)
public interface ShipmentRepository extends CrudRepository<Shipment, Long> {

    Optional<Shipment> findByOrderId(String orderId);

    boolean existsByOrderId(String orderId);
}
