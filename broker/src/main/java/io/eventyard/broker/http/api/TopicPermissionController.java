package io.eventyard.broker.http.api;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.PatternSyntaxException;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.auth.TopicPermission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;

/**
 * {@code GET /api/topic-permissions} and {@code GET/PUT/DELETE /api/topic-permissions/{vhost}/{user}}, for
 * administrators, as RabbitMQ's management API has them. The resource is the set of a user's topic permissions on a
 * vhost, one per exchange: GET answers that list (404 when empty), PUT sets the one for the body's exchange (201
 * when the set was empty, else 204; 400 {@code vhost_or_user_not_found}), DELETE removes them all.
 */
@Controller("/api/topic-permissions")
final class TopicPermissionController {

    private static final Comparator<TopicPermissionView> ORDER = Comparator.comparing(TopicPermissionView::vhost)
            .thenComparing(TopicPermissionView::user).thenComparing(TopicPermissionView::exchange);

    private final ApiCoreTasks api;

    TopicPermissionController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<TopicPermissionView>> all(HttpRequest<?> request) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            return core.topicPermissions().stream().map(TopicPermissionView::of).sorted(ORDER).toList();
        });
    }

    @Get("/{vhost}/{user}")
    CompletableFuture<List<TopicPermissionView>> of(HttpRequest<?> request, String vhost, String user) {
        return api.run(request, (caller, core) -> {
            caller.requireAdministrator();
            if (!userAndVhostExist(core, user, vhost) || core.topicPermissions(user, vhost).isEmpty()) {
                throw ApiException.notFound();
            }
            return core.topicPermissions(user, vhost).stream().map(TopicPermissionView::of).sorted(ORDER).toList();
        });
    }

    @Put("/{vhost}/{user}")
    CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request, String vhost, String user,
                                           @Nullable @Body TopicPermissionBody body) {
        return api.run(request, (caller, core) -> {
            caller.requireAdministrator();
            if (!userAndVhostExist(core, user, vhost)) {
                throw ApiException.badRequest("vhost_or_user_not_found");
            }
            if (body == null || body.exchange() == null || body.write() == null || body.read() == null) {
                throw ApiException.badRequest("exchange, write and read are all mandatory");
            }
            TopicPermission permission;
            try {
                permission = new TopicPermission(user, vhost, body.exchange(), body.write(), body.read());
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("not a regular expression: " + e.getPattern());
            }
            boolean existed = !core.topicPermissions(user, vhost).isEmpty();
            core.setTopicPermission(permission);
            return existed ? HttpResponse.noContent() : HttpResponse.status(HttpStatus.CREATED);
        });
    }

    @Delete("/{vhost}/{user}")
    CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request, String vhost, String user) {
        return api.run(request, (caller, core) -> {
            caller.requireAdministrator();
            if (core.topicPermissions(user, vhost).isEmpty()) {
                throw ApiException.notFound();
            }
            core.clearTopicPermissions(user, vhost);
            return HttpResponse.noContent();
        });
    }

    private static boolean userAndVhostExist(BrokerCore core, String user, String vhost) {
        return core.user(user) != null && core.virtualHost(vhost) != null;
    }
}
