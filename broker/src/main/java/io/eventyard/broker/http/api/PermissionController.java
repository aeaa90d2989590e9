package io.eventyard.broker.http.api;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.PatternSyntaxException;

import io.eventyard.broker.core.auth.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;

/** {@code GET /api/permissions} and {@code GET/PUT/DELETE /api/permissions/{vhost}/{user}}, for administrators. */
@Controller("/api/permissions")
final class PermissionController {

    private final ApiCoreTasks api;

    PermissionController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<PermissionView>> all(HttpRequest<?> request) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            return core.permissions().stream()
                    .map(PermissionView::of)
                    .sorted(Comparator.comparing(PermissionView::vhost).thenComparing(PermissionView::user))
                    .toList();
        });
    }

    @Get("/{vhost}/{user}")
    CompletableFuture<PermissionView> one(HttpRequest<?> request, String vhost, String user) {
        return api.run(request, (caller, core) -> {
            caller.requireAdministrator();
            Permission permission = core.permission(user, vhost);
            if (permission == null) {
                throw ApiException.notFound();
            }
            return PermissionView.of(permission);
        });
    }

    @Put("/{vhost}/{user}")
    CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request, String vhost, String user,
                                           @Nullable @Body PermissionBody body) {
        return api.run(request, (caller, core) -> {
            caller.requireAdministrator();
            if (body == null || body.configure() == null || body.write() == null || body.read() == null) {
                throw ApiException.badRequest("configure, write and read are all mandatory");
            }
            Permission permission;
            try {
                permission = new Permission(user, vhost, body.configure(), body.write(), body.read());
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("not a regular expression: " + e.getPattern());
            }
            boolean existed = core.permission(user, vhost) != null;
            core.setPermission(permission);
            return existed ? HttpResponse.noContent() : HttpResponse.status(HttpStatus.CREATED);
        });
    }

    @Delete("/{vhost}/{user}")
    CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request, String vhost, String user) {
        return api.run(request, (caller, core) -> {
            caller.requireAdministrator();
            if (core.permission(user, vhost) == null) {
                throw ApiException.notFound();
            }
            core.clearPermission(user, vhost);
            return HttpResponse.noContent();
        });
    }
}
