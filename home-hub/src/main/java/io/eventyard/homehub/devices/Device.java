package io.eventyard.homehub.devices;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A device as home-hub last knew it; the answer of {@code GET /devices}.
 *
 * @param lastSeen  when home-hub last heard from it (server time): its status or a reading of its room
 * @param reason    what made the last change: {@code status}, {@code activity} or {@code timeout}
 * @param changedAt when it last went online or offline
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@MappedEntity(value = "device", escape = false)
public record Device(@Id String device, boolean online, Instant lastSeen, String reason, Instant changedAt) {
}
