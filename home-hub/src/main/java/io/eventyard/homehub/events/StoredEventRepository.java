package io.eventyard.homehub.events;

import java.util.List;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.H2)
interface StoredEventRepository extends CrudRepository<StoredEvent, Long> {

    List<StoredEvent> findByKindLikeOrderByIdDesc(String kindPattern, io.micronaut.data.model.Pageable page);

    List<StoredEvent> listOrderByIdDesc(io.micronaut.data.model.Pageable page);
}
