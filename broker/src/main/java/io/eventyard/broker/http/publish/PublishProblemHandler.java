package io.eventyard.broker.http.publish;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link PublishProblem} as {@code application/problem+json}. */
@Produces
@Singleton
final class PublishProblemHandler implements ExceptionHandler<PublishProblem, HttpResponse<Problem>> {

    static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    static final String REALM = "Basic realm=\"Eventyard broker\"";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, PublishProblem problem) {
        var response = HttpResponse.<Problem>status(problem.status())
                .contentType(PROBLEM_JSON)
                .body(problem.toProblem());
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, REALM);
        }
        return response;
    }
}
