package io.eventyard.broker.http.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.http.BasicCredentials;
import io.eventyard.broker.http.CoreTasks;
import io.eventyard.broker.http.Login;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Runs a management API request on the core thread, behind its login: one core task authenticates the
 * caller, checks that it is a management user and does the work, so what it reads is consistent.
 * Failures come out as {@link ApiException}s.
 */
@Singleton
final class ApiCoreTasks {

    private final CoreTasks tasks;
    private final Login login;

    ApiCoreTasks(CoreTasks tasks, Login login) {
        this.tasks = tasks;
        this.login = login;
    }

    <T> CompletableFuture<T> run(HttpRequest<?> request, BiFunction<ApiUser, BrokerCore, T> work) {
        BasicCredentials credentials = BasicCredentials.of(request).orElse(null);
        if (credentials == null) {
            return CompletableFuture.failedFuture(ApiException.unauthorised(Login.Refusal.BAD_CREDENTIALS.text()));
        }
        return tasks.run(core -> {
            Login.Result result = login.check(core, credentials);
            if (!result.succeeded()) {
                throw result.refusal() == Login.Refusal.BAD_CREDENTIALS
                        ? ApiException.unauthorised(result.refusal().text())
                        : ApiException.forbidden(result.refusal().text());
            }
            ApiUser user = new ApiUser(result.user().name(), result.user().tags());
            if (!user.managementUser()) {
                throw ApiException.forbidden("Not management user");
            }
            try {
                return work.apply(user, core);
            } catch (CoreException e) {
                throw ApiException.from(e);
            }
        }).exceptionally(failure -> {
            throw asApiException(failure);
        });
    }

    private static RuntimeException asApiException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof TimeoutException) {
            return ApiException.unavailable("the broker's core did not answer within " + CoreTasks.PATIENCE);
        }
        if (cause instanceof RejectedExecutionException) {
            return ApiException.unavailable("the broker is shutting down");
        }
        return new CompletionException(cause);
    }
}
