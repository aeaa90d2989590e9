package io.eventyard.broker.http.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers an {@link ApiException} with its status and RabbitMQ's error body. */
@Produces
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {

    static final String REALM = "Basic realm=\"Eventyard broker\"";

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
        var response = HttpResponse.<ApiError>status(exception.status())
                .body(new ApiError(exception.error(), exception.reason()));
        if (exception.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, REALM);
        }
        return response;
    }
}
