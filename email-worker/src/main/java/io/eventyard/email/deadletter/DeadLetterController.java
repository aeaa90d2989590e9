package io.eventyard.email.deadletter;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.List;

/** The admin view of email.dead: what is parked and why, and a way to send it all back. */
@Controller("/admin/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeadLetterController {

    private final ParkedMessages parked;

    public DeadLetterController(ParkedMessages parked) {
        this.parked = parked;
    }

    /** Up to {@code limit} parked commands, oldest first; they stay parked. */
    @Get
    public List<ParkedMessage> list(@QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit) throws IOException {
        return parked.list(limit);
    }

    /** Sends every parked command back to email.send as a fresh message with its message id. */
    @Post("/replay")
    public HttpResponse<ReplayResult> replay() throws IOException {
        ReplayResult result = parked.replayAll();
        return result.error() == null ? HttpResponse.ok(result) : HttpResponse.serverError(result);
    }
}
