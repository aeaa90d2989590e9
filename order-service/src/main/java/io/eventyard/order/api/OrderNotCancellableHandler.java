package io.eventyard.order.api;

import io.eventyard.order.domain.OrderNotCancellableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A cancel of a shipped, failed or cancelled order: 409, since the order's state is what refuses it. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class OrderNotCancellableHandler implements ExceptionHandler<OrderNotCancellableException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, OrderNotCancellableException exception) {
        Problem problem = Problem.of(HttpStatus.CONFLICT, Problem.TYPE_BASE + "order-not-cancellable",
                exception.getMessage(), request.getPath());
        return HttpResponse.<Problem>status(HttpStatus.CONFLICT).body(problem).contentType(Problem.PROBLEM_JSON);
    }
}
