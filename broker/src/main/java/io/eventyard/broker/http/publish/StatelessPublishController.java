package io.eventyard.broker.http.publish;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.eventyard.broker.Broker;
import io.eventyard.broker.PublishOutcome;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.http.BasicCredentials;
import io.eventyard.broker.http.CoreTasks;
import io.eventyard.broker.http.Login;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/**
 * Stateless publishing as statelessd does it: {@code POST /{vhost}/{exchange}/{routing-key}} with HTTP
 * Basic credentials and a form ({@link PublishForm}). The answer waits for the broker: 204 once it has
 * taken the message (a publisher confirm's ack; an unroutable message is dropped and still 204, as AMQP
 * without {@code mandatory} does), 503 when a queue refused it ({@code x-overflow=reject-publish}, a nack)
 * or the broker did not answer in time. Errors are {@code application/problem+json}.
 */
@Controller
final class StatelessPublishController {

    private final Broker broker;
    private final CoreTasks tasks;
    private final Login login;
    private final JsonMapper json;

    StatelessPublishController(Broker broker, CoreTasks tasks, Login login, JsonMapper json) {
        this.broker = broker;
        this.tasks = tasks;
        this.login = login;
        this.json = json;
    }

    @Post("/{+path}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    CompletableFuture<HttpResponse<?>> publish(String path, HttpRequest<?> request,
                                              @Nullable @Body Map<String, Object> form) {
        // path is the router's decoding, which loses empty segments and '+': the raw path is read instead.
        PublishTarget target = PublishTarget.parse(request.getUri().getRawPath());
        BasicCredentials credentials = BasicCredentials.of(request)
                .orElseThrow(() -> PublishProblem.of(HttpStatus.UNAUTHORIZED, "HTTP Basic credentials required"));
        return tasks.run(core -> login.check(core, credentials))
                .thenCompose(result -> {
                    if (!result.succeeded()) {
                        throw PublishProblem.of(result.refusal() == Login.Refusal.BAD_CREDENTIALS
                                ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN, result.refusal().text());
                    }
                    String user = result.user().name();
                    PublishForm checked = PublishForm.read(form == null ? Map.of() : form, user, json);
                    return tasks.offCore(broker.publish(target.vhost(), user, checked.toMessage(target))
                            .orTimeout(CoreTasks.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
                })
                .<HttpResponse<?>>thenApply(StatelessPublishController::answer)
                .exceptionally(failure -> {
                    throw asProblem(failure);
                });
    }

    private static HttpResponse<?> answer(PublishOutcome outcome) {
        if (outcome.rejected()) {
            throw PublishProblem.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "a queue refused the message (x-overflow=reject-publish): it is full");
        }
        return HttpResponse.noContent();
    }

    private static RuntimeException asProblem(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PublishProblem problem) {
            return problem;
        }
        if (cause instanceof CoreException refused) {
            return switch (refused.reason()) {
                case NOT_FOUND -> PublishProblem.of(HttpStatus.NOT_FOUND, refused.detail());
                case ACCESS_REFUSED -> PublishProblem.of(HttpStatus.FORBIDDEN, refused.detail());
                default -> PublishProblem.of(HttpStatus.BAD_REQUEST, refused.detail());
            };
        }
        if (cause instanceof TimeoutException) {
            return PublishProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "the broker did not confirm the message within "
                    + CoreTasks.PATIENCE + "; it may or may not have been published");
        }
        if (cause instanceof RejectedExecutionException) {
            return PublishProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "the broker is shutting down");
        }
        return new CompletionException(cause);
    }
}
