package io.eventyard.order.api;

import io.eventyard.order.service.IdempotencyKeyReusedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An Idempotency-Key reused for a different order: 422, and no order is placed. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class IdempotencyKeyReusedHandler implements ExceptionHandler<IdempotencyKeyReusedException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IdempotencyKeyReusedException exception) {
        Problem problem = Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, Problem.TYPE_BASE + "idempotency-key-reused",
                exception.getMessage(), request.getPath());
        return HttpResponse.<Problem>status(HttpStatus.UNPROCESSABLE_ENTITY).body(problem)
                .contentType(Problem.PROBLEM_JSON);
    }
}
