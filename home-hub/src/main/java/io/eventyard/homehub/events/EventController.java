package io.eventyard.homehub.events;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code GET /events}: the event log, newest first. */
@Controller("/events")
class EventController {

    private final EventLog log;

    EventController(EventLog log) {
        this.log = log;
    }

    @Get
    List<HubEvent> list(@QueryValue @Nullable String kind,
                        @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return log.latest(kind, limit);
    }
}
