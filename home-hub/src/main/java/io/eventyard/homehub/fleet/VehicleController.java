package io.eventyard.homehub.fleet;

import io.eventyard.homehub.api.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /vehicles}: each vehicle's last position and state. {@code GET /vehicles/{id}/track?from=&to=}: its
 * fixes in fix-time order, {@code from}/{@code to} ISO-8601 instants (default: the last hour), at most
 * {@code limit} (default 10,000) of them, the oldest first.
 */
@Controller("/vehicles")
class VehicleController {

    private final FleetQueries fleet;

    VehicleController(FleetQueries fleet) {
        this.fleet = fleet;
    }

    @Get
    List<VehicleView> list() {
        return fleet.vehicles();
    }

    @Get("/{id}/track")
    List<TrackPoint> track(@PathVariable String id, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                           @QueryValue(defaultValue = "10000") @Min(1) @Max(100000) int limit) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofHours(1)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        return fleet.track(id, start, end, limit);
    }

    private static Instant instant(String parameter, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(parameter, "must be an ISO-8601 time with an offset, such as "
                    + "2026-11-22T08:00:00Z");
        }
    }
}
