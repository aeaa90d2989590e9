package io.eventyard.homehub.events;

import java.time.Instant;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Something a person watching the house or the fleet should see: a device went offline, a vehicle entered a
 * geofence, an alert fired. Kept in the event log and pushed to the dashboard.
 *
 * @param kind     what happened, such as {@code device.offline}, {@code geofence.enter}, {@code alert.fired}
 * @param subject  what it happened to: a device, vehicle or sensor id
 * @param detail   a sentence for people
 * @param severity {@code info}, {@code warning} or {@code critical}
 */
@Serdeable
public record HubEvent(String kind, String subject, String detail, String severity, Instant at) {
}
