package io.eventyard.shipping.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** {@link ShipmentNotFoundException} → 404 problem+json. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = {ShipmentNotFoundException.class, ExceptionHandler.class})
public class ShipmentNotFoundHandler implements ExceptionHandler<ShipmentNotFoundException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ShipmentNotFoundException exception) {
        Problem problem = new Problem("about:blank", "Not Found", HttpStatus.NOT_FOUND.getCode(),
                exception.getMessage(), request.getPath());
        return HttpResponse.<Problem>notFound().body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
