package io.eventyard.homehub.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/** {@code GET /rejected?reason=&limit=100}: the MQTT messages home-hub could not use, newest first. */
@Controller("/rejected")
class RejectedController {

    private final RejectedPayloads rejected;

    RejectedController(RejectedPayloads rejected) {
        this.rejected = rejected;
    }

    @Get
    List<RejectedPayload> list(@QueryValue @Nullable String reason,
                               @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return rejected.latest(reason, limit);
    }
}
