package io.eventyard.homehub.live;

import org.reactivestreams.Publisher;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;

/** {@code GET /live}: the dashboard's Server-Sent Events stream (see {@link LiveFeed}). */
@Controller("/live")
class LiveController {

    private final LiveFeed feed;

    LiveController(LiveFeed feed) {
        this.feed = feed;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream() {
        return feed.stream();
    }
}
