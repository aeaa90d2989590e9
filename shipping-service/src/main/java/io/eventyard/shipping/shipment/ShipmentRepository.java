package io.eventyard.shipping.shipment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/**
 * Shipments by order. Compiled for H2; {@code datasources.default.dialect} switches it to PostgreSQL
 * at runtime. Micronaut Data rebuilds only the CRUD statements for the runtime dialect, while derived
 * finders keep their compiled SQL: the entity is therefore mapped with {@code escape = false}, so that
 * SQL has no H2 quoting and runs on both.
 */
@JdbcRepository(dialect = Dialect.H2)
public interface ShipmentRepository extends CrudRepository<Shipment, Long> {

    Optional<Shipment> findByOrderId(String orderId);

    boolean existsByOrderId(String orderId);
}
