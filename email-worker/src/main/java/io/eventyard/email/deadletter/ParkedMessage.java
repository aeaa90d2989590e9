package io.eventyard.email.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One command waiting in email.dead, as the admin endpoint shows it. */
@Serdeable
public record ParkedMessage(
        @Nullable String messageId,
        @Nullable String to,
        @Nullable String template,
        @Nullable String reason,
        @Nullable String parkedAt,
        @Nullable Integer attempts) {
}
