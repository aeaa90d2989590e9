package io.eventyard.homehub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error answer as RFC 9457 {@code application/problem+json}, with the extension member {@code errors}
 * that names each bad field of a rejected request.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    the kind of problem, for people
 * @param status   the HTTP status
 * @param detail   this occurrence, for people
 * @param instance the request path
 * @param errors   the bad fields, for a 400
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type,
                      String title,
                      int status,
                      @Nullable String detail,
                      @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.of(MEDIA_TYPE);

    static final String TYPE_BASE = "https://eventyard.io/problems/";

    static Problem of(HttpStatus status, String type, String detail, String instance) {
        return new Problem(type, status.getReason(), status.getCode(), detail, instance, null);
    }

    public static Problem unavailable(String detail, String instance) {
        return new Problem("about:blank", HttpStatus.SERVICE_UNAVAILABLE.getReason(),
                HttpStatus.SERVICE_UNAVAILABLE.getCode(), detail, instance, null);
    }

    public static Problem notFound(String detail, String instance) {
        return new Problem("about:blank", HttpStatus.NOT_FOUND.getReason(), HttpStatus.NOT_FOUND.getCode(), detail,
                instance, null);
    }

    static Problem invalid(List<FieldError> errors, String instance) {
        return new Problem(TYPE_BASE + "invalid-request", "Invalid request", HttpStatus.BAD_REQUEST.getCode(),
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", instance,
                List.copyOf(errors));
    }
}
