package io.eventyard.homehub.ingest;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.H2)
interface RejectedPayloadRepository extends CrudRepository<RejectedPayload, Long> {

    List<RejectedPayload> listOrderByIdDesc(Pageable page);

    List<RejectedPayload> findByReasonOrderByIdDesc(String reason, Pageable page);

    @Query("SELECT COALESCE(MAX(id), 0) FROM rejected_payload")
    long maxId();

    void deleteByIdLessThanEquals(long id);
}
