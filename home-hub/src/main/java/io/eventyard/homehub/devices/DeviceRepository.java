package io.eventyard.homehub.devices;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.H2)
interface DeviceRepository extends CrudRepository<Device, String> {

    List<Device> listOrderByDevice();

    List<Device> findByOnlineTrueAndLastSeenLessThan(Instant before);

    /** Marks a device offline only if nothing was heard from it since; 0 when another replica or a message came first. */
    @Query("UPDATE device SET online = FALSE, reason = 'timeout', changed_at = :changedAt "
            + "WHERE device = :device AND online = TRUE AND last_seen < :before")
    long markTimedOut(String device, Instant before, Instant changedAt);
}
