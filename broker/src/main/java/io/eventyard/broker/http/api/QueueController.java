package io.eventyard.broker.http.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.eventyard.broker.core.vhost.VirtualHost;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/queues}, {@code /api/queues/{vhost}}, {@code /api/queues/{vhost}/{name}}. */
@Controller("/api/queues")
final class QueueController {

    private final ApiCoreTasks api;

    QueueController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<QueueView>> all(HttpRequest<?> request) {
        return list(request, null);
    }

    @Get("/{vhost}")
    CompletableFuture<List<QueueView>> inVhost(HttpRequest<?> request, String vhost) {
        return list(request, vhost);
    }

    @Get("/{vhost}/{name}")
    CompletableFuture<QueueView> one(HttpRequest<?> request, String vhost, String name) {
        return api.run(request, (user, core) -> user.visibleVhost(core, vhost).queues().stream()
                .filter(queue -> queue.name().equals(name))
                .findFirst()
                .map(QueueView::of)
                .orElseThrow(ApiException::notFound));
    }

    private CompletableFuture<List<QueueView>> list(HttpRequest<?> request, String vhostOrNull) {
        return api.run(request, (user, core) -> {
            List<QueueView> queues = new ArrayList<>();
            for (VirtualHost vhost : user.vhostsFor(core, vhostOrNull)) {
                vhost.queues().forEach(queue -> queues.add(QueueView.of(queue)));
            }
            queues.sort(Comparator.comparing(QueueView::vhost).thenComparing(QueueView::name));
            return queues;
        });
    }
}
