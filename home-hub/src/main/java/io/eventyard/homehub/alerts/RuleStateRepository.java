package io.eventyard.homehub.alerts;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.H2)
interface RuleStateRepository extends CrudRepository<RuleState, Long> {
}
