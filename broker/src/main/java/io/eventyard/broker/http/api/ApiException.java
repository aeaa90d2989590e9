package io.eventyard.broker.http.api;

import io.eventyard.broker.core.CoreException;
import io.micronaut.http.HttpStatus;

/**
 * A management API request refused: the HTTP status and RabbitMQ's {@code {"error", "reason"}} pair.
 * Answered once, by {@link ApiExceptionHandler}.
 *
 * <p>One difference from RabbitMQ: it answers 401 both to bad credentials and to a known user who may
 * not do something; here the second is 403, so that a client can tell "log in again" from "ask an
 * administrator".
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    private ApiException(HttpStatus status, String error, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException unauthorised(String reason) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "not_authorised", reason);
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(HttpStatus.FORBIDDEN, "not_authorised", reason);
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "Object Not Found", "Not Found");
    }

    public static ApiException badRequest(String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", reason);
    }

    public static ApiException unavailable(String reason) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", reason);
    }

    /** The core's refusal in API terms: a missing user or vhost is 404, anything else a bad request. */
    public static ApiException from(CoreException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> notFound();
            case ACCESS_REFUSED -> forbidden(e.detail());
            default -> badRequest(e.detail());
        };
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String reason() {
        return getMessage();
    }
}
