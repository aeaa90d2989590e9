package io.eventyard.homehub.alerts;

import java.util.List;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.H2)
interface AlertNoticeRepository extends CrudRepository<AlertNotice, Long> {

    List<AlertNotice> listOrderById(Pageable page);
}
