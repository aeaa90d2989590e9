package io.eventyard.broker.http.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code PUT /api/permissions/{vhost}/{user}}; all three keys are mandatory. */
@Serdeable
public record PermissionBody(@Nullable String configure, @Nullable String write, @Nullable String read) {
}
