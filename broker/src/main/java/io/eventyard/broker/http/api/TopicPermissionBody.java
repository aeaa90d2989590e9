package io.eventyard.broker.http.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code PUT /api/topic-permissions/{vhost}/{user}}; all three keys are mandatory. */
@Serdeable
public record TopicPermissionBody(@Nullable String exchange, @Nullable String write, @Nullable String read) {
}
