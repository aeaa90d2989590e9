package io.eventyard.broker.http.api;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.eventyard.broker.core.auth.User;
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
 * {@code GET /api/users} and {@code GET/PUT/DELETE /api/users/{name}}, for administrators only.
 * PUT needs a password: the core keeps no way to change only the tags, or to take a ready hash.
 */
@Controller("/api/users")
final class UserController {

    private final ApiCoreTasks api;

    UserController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<UserView>> all(HttpRequest<?> request) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            return core.users().stream()
                    .sorted(Comparator.comparing(User::name))
                    .map(UserView::of)
                    .toList();
        });
    }

    @Get("/{name}")
    CompletableFuture<UserView> one(HttpRequest<?> request, String name) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            User found = core.user(name);
            if (found == null) {
                throw ApiException.notFound();
            }
            return UserView.of(found);
        });
    }

    @Put("/{name}")
    CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request, String name, @Nullable @Body UserBody body) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            if (body == null) {
                throw ApiException.badRequest("PUT a body like {\"password\":\"secret\",\"tags\":\"\"}");
            }
            List<String> tags = body.tagList();
            if (body.passwordHash() != null) {
                throw ApiException.badRequest("password_hash is not supported: give the password");
            }
            if (body.password() == null) {
                throw ApiException.badRequest("password missing");
            }
            boolean existed = core.user(name) != null;
            core.putUser(name, body.password(), tags);
            return existed ? HttpResponse.noContent() : HttpResponse.status(HttpStatus.CREATED);
        });
    }

    @Delete("/{name}")
    CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request, String name) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            core.deleteUser(name);
            return HttpResponse.noContent();
        });
    }
}
