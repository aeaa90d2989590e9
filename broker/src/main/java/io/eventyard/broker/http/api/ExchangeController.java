package io.eventyard.broker.http.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.eventyard.broker.core.vhost.VirtualHost;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/exchanges}, {@code /api/exchanges/{vhost}}, {@code /api/exchanges/{vhost}/{name}}. */
@Controller("/api/exchanges")
final class ExchangeController {

    /** How RabbitMQ's API names the default exchange in a URL, where "" cannot appear. */
    static final String DEFAULT_EXCHANGE_IN_URL = "amq.default";

    private final ApiCoreTasks api;

    ExchangeController(ApiCoreTasks api) {
        this.api = api;
    }

    @Get
    CompletableFuture<List<ExchangeView>> all(HttpRequest<?> request) {
        return list(request, null);
    }

    @Get("/{vhost}")
    CompletableFuture<List<ExchangeView>> inVhost(HttpRequest<?> request, String vhost) {
        return list(request, vhost);
    }

    @Get("/{vhost}/{name}")
    CompletableFuture<ExchangeView> one(HttpRequest<?> request, String vhost, String name) {
        String exchangeName = DEFAULT_EXCHANGE_IN_URL.equals(name) ? "" : name;
        return api.run(request, (user, core) -> user.visibleVhost(core, vhost).exchanges().stream()
                .filter(exchange -> exchange.name().equals(exchangeName))
                .findFirst()
                .map(exchange -> ExchangeView.of(vhost, exchange))
                .orElseThrow(ApiException::notFound));
    }

    private CompletableFuture<List<ExchangeView>> list(HttpRequest<?> request, String vhostOrNull) {
        return api.run(request, (user, core) -> {
            List<ExchangeView> exchanges = new ArrayList<>();
            for (VirtualHost vhost : user.vhostsFor(core, vhostOrNull)) {
                vhost.exchanges().forEach(exchange -> exchanges.add(ExchangeView.of(vhost.name(), exchange)));
            }
            exchanges.sort(Comparator.comparing(ExchangeView::vhost).thenComparing(ExchangeView::name));
            return exchanges;
        });
    }
}
