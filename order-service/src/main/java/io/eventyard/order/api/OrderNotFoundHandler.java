package io.eventyard.order.api;

import io.eventyard.order.domain.OrderNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces(Problem.MEDIA_TYPE)
class OrderNotFoundHandler implements ExceptionHandler<OrderNotFoundException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, OrderNotFoundException exception) {
        Problem problem = Problem.of(HttpStatus.NOT_FOUND, Problem.TYPE_BASE + "order-not-found",
                exception.getMessage(), request.getPath());
        return HttpResponse.<Problem>status(HttpStatus.NOT_FOUND).body(problem).contentType(Problem.PROBLEM_JSON);
    }
}
