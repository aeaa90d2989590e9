package io.eventyard.homehub.alerts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An error answer as RFC 9457 {@code application/problem+json}; {@code errors} names each bad field of a
 * rejected request. The alerts and lights APIs use it until home-hub has one shared {@code api/Problem}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.of(MEDIA_TYPE);

    static Problem invalid(List<FieldError> errors, String instance) {
        return new Problem("https://eventyard.io/problems/invalid-request", "Invalid request",
                HttpStatus.BAD_REQUEST.getCode(),
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", instance,
                List.copyOf(errors));
    }

    public static Problem unavailable(String detail, String instance) {
        return new Problem("about:blank", HttpStatus.SERVICE_UNAVAILABLE.getReason(),
                HttpStatus.SERVICE_UNAVAILABLE.getCode(), detail, instance, null);
    }

    public static Problem notFound(String detail, String instance) {
        return new Problem("about:blank", HttpStatus.NOT_FOUND.getReason(), HttpStatus.NOT_FOUND.getCode(), detail,
                instance, null);
    }
}
