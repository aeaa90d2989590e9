package io.eventyard.homehub.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Checks a controller makes itself (a query parameter, a field that needs more than bean validation): 400, naming them. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class InvalidRequestHandler implements ExceptionHandler<InvalidRequestException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidRequestException exception) {
        return HttpResponse.badRequest(Problem.invalid(exception.errors(), request.getPath()))
                .contentType(Problem.PROBLEM_JSON);
    }
}
