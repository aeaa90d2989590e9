package io.eventyard.broker.http.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/bindings} and {@code /api/bindings/{vhost}}: per vhost, first the default exchange's
 * implicit binding to each queue (RabbitMQ lists them), then each exchange's bindings in the order they
 * were made.
 */
@Controller("/api/bindings")
final class BindingController {

    private final ApiCoreTasks api;

    BindingController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<BindingView>> all(HttpRequest<?> request) {
        return list(request, null);
    }

    @Get("/{vhost}")
    CompletableFuture<List<BindingView>> inVhost(HttpRequest<?> request, String vhost) {
        return list(request, vhost);
    }

    private CompletableFuture<List<BindingView>> list(HttpRequest<?> request, String vhostOrNull) {
        return api.run(request, (user, core) -> {
            List<BindingView> bindings = new ArrayList<>();
            for (VirtualHost vhost : user.vhostsFor(core, vhostOrNull)) {
                vhost.queues().stream()
                        .map(MessageQueue::name)
                        .sorted()
                        .forEach(queue -> bindings.add(BindingView.fromDefaultExchange(vhost.name(), queue)));
                vhost.exchanges().stream()
                        .sorted(Comparator.comparing(Exchange::name))
                        .forEach(exchange -> exchange.bindings().bindings()
                                .forEach(binding -> bindings.add(BindingView.of(vhost.name(), binding))));
            }
            return bindings;
        });
    }
}
