package io.eventyard.homehub.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One bad field of a request.
 *
 * @param field   its path in the JSON body, e.g. {@code items[0].quantity}
 * @param message what is wrong with it
 */
@Serdeable
public record FieldError(String field, String message) {
}
