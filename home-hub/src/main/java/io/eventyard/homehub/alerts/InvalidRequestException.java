package io.eventyard.homehub.alerts;

import java.util.List;

/** A request body that failed its checks; answered 400 with the bad fields ({@link InvalidRequestHandler}). */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
