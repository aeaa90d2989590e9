package io.eventyard.order.api;

import java.util.List;

/** A request that passed bean validation but fails a check that needs more than one field (money). */
final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    InvalidRequestException(List<FieldError> errors) {
        super("invalid request: " + errors);
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
