package io.eventyard.homehub.live;

import java.util.concurrent.ArrayBlockingQueue;

import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One connected dashboard: a queue of at most {@code capacity} events between the application events and its
 * HTTP stream. The HTTP server takes events only as fast as the socket drains, so a slow browser fills the
 * queue; then the client is cut off (its stream completes once the queued events are written) rather than
 * letting the heap grow or silently dropping events. The browser's EventSource reconnects and starts again
 * from a snapshot, so it is never left showing a state with holes in it.
 *
 * <p>Offered to from any thread that publishes an application event; {@link #offer} is synchronized because
 * the sink accepts one producer at a time.
 */
final class LiveClient {

    private final Sinks.Many<Event<String>> sink;
    private boolean open = true;

    LiveClient(int capacity) {
        this.sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
    }

    /** Queues {@code event}; false when the client is gone or has just been cut off for falling behind. */
    synchronized boolean offer(Event<String> event) {
        if (!open) {
            return false;
        }
        if (sink.tryEmitNext(event).isSuccess()) {
            return true;
        }
        close();
        return false;
    }

    synchronized void close() {
        open = false;
        sink.tryEmitComplete();
    }

    /** The queued events, then those still to come; for exactly one subscriber. */
    Flux<Event<String>> events() {
        return sink.asFlux();
    }
}
