package io.eventyard.homehub.events;

import java.util.List;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

/**
 * Where the features of home-hub record what people should see. An event is stored, then announced as an
 * application event ({@link HubEvent}) for the live dashboard.
 */
@Singleton
public class EventLog {

    private final StoredEventRepository events;
    private final ApplicationEventPublisher<HubEvent> publisher;

    EventLog(StoredEventRepository events, ApplicationEventPublisher<HubEvent> publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    public void record(HubEvent event) {
        events.save(new StoredEvent(null, event.kind(), event.subject(), event.detail(), event.severity(), event.at()));
        publisher.publishEvent(event);
    }

    /** The newest events first; {@code kindPrefix} such as {@code geofence.} narrows them, null for all. */
    public List<HubEvent> latest(String kindPrefix, int limit) {
        Pageable page = Pageable.from(0, limit);
        List<StoredEvent> rows = kindPrefix == null ? events.listOrderByIdDesc(page)
                : events.findByKindLikeOrderByIdDesc(kindPrefix + "%", page);
        return rows.stream().map(StoredEvent::event).toList();
    }
}
