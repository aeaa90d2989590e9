package io.eventyard.broker.http.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.eventyard.broker.core.auth.Permission;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;

/**
 * {@code GET /api/vhosts}, and {@code GET/PUT/DELETE /api/vhosts/{name}}. Changes need the administrator
 * tag; a vhost created here gives its creator every permission on it, as RabbitMQ does. A request body
 * (description, tags, tracing) is accepted and ignored: vhosts have no metadata here.
 */
@Controller("/api/vhosts")
final class VhostController {

    private final ApiCoreTasks api;

    VhostController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<VhostView>> all(HttpRequest<?> request) {
        return api.run(request, (user, core) -> user.visibleVhosts(core).stream().map(VhostController::view).toList());
    }

    @Get("/{name}")
    CompletableFuture<VhostView> one(HttpRequest<?> request, String name) {
        return api.run(request, (user, core) -> view(user.visibleVhost(core, name)));
    }

    @Put("/{name}")
    CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request, String name) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            if (core.virtualHost(name) != null) {
                return HttpResponse.noContent();
            }
            core.addVirtualHost(name);
            core.setPermission(new Permission(user.name(), name, ".*", ".*", ".*"));
            return HttpResponse.status(HttpStatus.CREATED);
        });
    }

    @Delete("/{name}")
    CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request, String name) {
        return api.run(request, (user, core) -> {
            user.requireAdministrator();
            core.deleteVirtualHost(name);
            return HttpResponse.noContent();
        });
    }

    private static VhostView view(VirtualHost vhost) {
        long ready = 0;
        long unacked = 0;
        for (MessageQueue queue : vhost.queues()) {
            ready += queue.readyCount();
            unacked += queue.unackedCount();
        }
        return new VhostView(vhost.name(), false, ready + unacked, ready, unacked);
    }
}
