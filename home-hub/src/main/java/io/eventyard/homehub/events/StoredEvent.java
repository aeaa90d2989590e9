package io.eventyard.homehub.events;

import java.time.Instant;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of the event log. */
@MappedEntity(value = "hub_event", escape = false)
record StoredEvent(@Id @GeneratedValue Long id, String kind, String subject, String detail, String severity,
                   Instant at) {

    HubEvent event() {
        return new HubEvent(kind, subject, detail, severity, at);
    }
}
