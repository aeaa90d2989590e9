package io.eventyard.homehub.alerts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 400 {@code application/problem+json} naming the fields of a rejected request. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class InvalidRequestHandler implements ExceptionHandler<InvalidRequestException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidRequestException exception) {
        return HttpResponse.badRequest(Problem.invalid(exception.errors(), request.getPath()))
                .contentType(Problem.PROBLEM_JSON);
    }
}
