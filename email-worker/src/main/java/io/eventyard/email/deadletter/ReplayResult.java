package io.eventyard.email.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a replay did: how many parked commands went back to email.send, and why it stopped early, if
 * it did (the rest stay parked).
 */
@Serdeable
public record ReplayResult(int replayed, @Nullable String error) {
}
