package io.eventyard.homehub.api;

import java.util.List;

/** A request that passed bean validation but fails a check the controller makes (a duration, a time range). */
public final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super("invalid request: " + errors);
        this.errors = List.copyOf(errors);
    }

    /** One bad field or query parameter. */
    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    List<FieldError> errors() {
        return errors;
    }
}
