package io.eventyard.homehub.alerts;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One bad field of a request.
 *
 * @param field   its name in the JSON body, e.g. {@code threshold}
 * @param message what is wrong with it
 */
@Serdeable
public record FieldError(String field, String message) {
}
