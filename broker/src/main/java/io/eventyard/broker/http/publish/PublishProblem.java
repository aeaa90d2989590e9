package io.eventyard.broker.http.publish;

import io.micronaut.http.HttpStatus;

/** A stateless publish refused; answered once, as {@code application/problem+json}, by {@link PublishProblemHandler}. */
public final class PublishProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    private PublishProblem(HttpStatus status, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static PublishProblem of(HttpStatus status, String detail) {
        return new PublishProblem(status, detail, null);
    }

    /** A form field that is missing, unknown or malformed. */
    public static PublishProblem badField(String field, String detail) {
        return new PublishProblem(HttpStatus.BAD_REQUEST, detail, field);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Problem toProblem() {
        return new Problem("about:blank", status.getReason(), status.getCode(), getMessage(), field);
    }
}
