package io.eventyard.homehub.fleet;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.H2)
interface VehicleRepository extends CrudRepository<Vehicle, String> {

    List<Vehicle> listOrderByVehicleId();
}
