package io.eventyard.broker.http.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/connections}: monitoring users see every connection, other users their own. */
@Controller("/api/connections")
final class ConnectionController {

    private final ApiCoreTasks api;

    ConnectionController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<ConnectionView>> all(HttpRequest<?> request) {
        return api.run(request, (user, core) -> core.connections().stream()
                .filter(connection -> user.monitoring() || user.name().equals(connection.user()))
                .map(ConnectionView::of)
                .toList());
    }
}
