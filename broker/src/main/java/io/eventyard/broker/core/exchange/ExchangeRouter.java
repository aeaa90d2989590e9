package io.eventyard.broker.core.exchange;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Routes a message from the exchange it was published to, to queues, as RabbitMQ 3.10 does
 * ({@code rabbit_exchange:route/2}):
 * <ul>
 *   <li>exchange-to-exchange bindings are followed; each exchange is routed through at most once per message,
 *       so cycles end and a queue reached along two paths gets the message once;</li>
 *   <li>an exchange whose own bindings matched nothing at all (no queue and no exchange) hands the message to
 *       its alternate exchange, if that exists and has not been visited. This holds for every exchange on the
 *       way, not only the first: an exchange that routed only to an exchange that matched nothing does not use
 *       its alternate exchange, but that second exchange does use its own;</li>
 *   <li>the default exchange (empty name) routes to the queue the routing key names, whether or not it exists:
 *       the caller drops names with no queue.</li>
 * </ul>
 * Exchanges the lookup does not know (an alternate exchange never declared) are skipped silently.
 */
public final class ExchangeRouter {

    private ExchangeRouter() {
    }

    /**
     * Adds to {@code queuesOut} the name of every queue the message reaches from {@code start}.
     *
     * @param headers   the message's headers table, {@code null} when it has none
     * @param exchanges the exchanges of the same virtual host by name, {@code null} for an unknown name
     */
    public static void route(Exchange start, String routingKey, Map<String, Object> headers,
                             Function<String, Exchange> exchanges, Set<String> queuesOut) {
        route(start, List.of(routingKey), headers, exchanges, queuesOut);
    }

    /**
     * As {@link #route(Exchange, String, Map, Function, Set)} for a message with several routing keys (the
     * {@code CC} and {@code BCC} headers): all keys travel together, so an exchange uses its alternate exchange
     * only when none of them matched.
     */
    public static void route(Exchange start, List<String> routingKeys, Map<String, Object> headers,
                             Function<String, Exchange> exchanges, Set<String> queuesOut) {
        Set<String> seen = new HashSet<>();
        Deque<Exchange> pending = new ArrayDeque<>();
        seen.add(start.name());
        pending.push(start);
        while (!pending.isEmpty()) {
            Exchange exchange = pending.pop();
            if (exchange.isDefault()) {
                queuesOut.addAll(routingKeys);
                continue;
            }
            boolean[] matched = {false};
            for (String routingKey : routingKeys) {
                exchange.bindings().route(routingKey, headers, destination -> {
                    matched[0] = true;
                    if (destination.kind() == Destination.Kind.QUEUE) {
                        queuesOut.add(destination.name());
                    } else {
                        visit(destination.name(), exchanges, seen, pending);
                    }
                });
            }
            String alternate = exchange.alternateExchange();
            if (!matched[0] && alternate != null) {
                visit(alternate, exchanges, seen, pending);
            }
        }
    }

    private static void visit(String name, Function<String, Exchange> exchanges, Set<String> seen,
                              Deque<Exchange> pending) {
        if (seen.add(name)) {
            Exchange next = exchanges.apply(name);
            if (next != null) {
                pending.push(next);
            }
        }
    }
}
