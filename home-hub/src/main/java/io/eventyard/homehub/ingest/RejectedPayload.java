package io.eventyard.homehub.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An MQTT message home-hub could not use; the answer of {@code GET /rejected}.
 *
 * @param payload the payload as UTF-8 text, cut at 4000 characters
 * @param reason  {@code unparseable}, {@code out-of-range}, {@code bad-timestamp}, {@code bad-status},
 *                {@code bad-topic}, {@code unknown-topic}, {@code unsupported-type}, {@code empty} or
 *                {@code store-failed}
 * @param detail  what was wrong, for people
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@MappedEntity(value = "rejected_payload", escape = false)
public record RejectedPayload(@Id @GeneratedValue @Nullable Long id, String topic, String payload, String reason,
                              String detail, Instant receivedAt) {
}
