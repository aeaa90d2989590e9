package io.eventyard.broker.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The cases below were checked against RabbitMQ 3.10.8 with the same topology. */
class ExchangeRouterTest {

    private final Map<String, Exchange> exchanges = new HashMap<>();

    @Test
    void routesThroughExchangeToExchangeBindings() {
        declare("x1", ExchangeType.TOPIC, null);
        declare("x2", ExchangeType.DIRECT, null);
        bindExchange("x2", "x1", "order.*");
        bindQueue("q", "x2", "order.paid");

        assertThat(route("x1", "order.paid")).containsExactly("q");
        assertThat(route("x1", "order.placed")).isEmpty();
    }

    @Test
    void alternateExchangeTakesWhatAnExchangeCannotRoute() {
        declare("x", ExchangeType.DIRECT, "ae");
        declare("ae", ExchangeType.FANOUT, null);
        bindQueue("q", "x", "k");
        bindQueue("unrouted", "ae", "");

        assertThat(route("x", "k")).containsExactly("q");
        assertThat(route("x", "other")).containsExactly("unrouted");
    }

    @Test
    void exchangeThatRoutedToAnExchangeKeepsItsAlternateButTheEmptyOneUsesItsOwn() {
        declare("x1", ExchangeType.DIRECT, "ae1");
        declare("x2", ExchangeType.DIRECT, "ae2");
        declare("ae1", ExchangeType.FANOUT, null);
        declare("ae2", ExchangeType.FANOUT, null);
        bindQueue("q1", "ae1", "");
        bindQueue("q2", "ae2", "");
        bindExchange("x2", "x1", "k");

        assertThat(route("x1", "k")).containsExactly("q2");
        assertThat(route("x1", "other")).containsExactly("q1");
    }

    @Test
    void exchangeWithAQueueAndAnEmptyExchangeBindingDoesNotUseItsAlternate() {
        declare("x14", ExchangeType.DIRECT, "ae1");
        declare("x15", ExchangeType.DIRECT, null);
        declare("ae1", ExchangeType.FANOUT, null);
        bindQueue("q1", "ae1", "");
        bindQueue("q4", "x14", "k");
        bindExchange("x15", "x14", "k");

        assertThat(route("x14", "k")).containsExactly("q4");
        assertThat(route("x14", "j")).containsExactly("q1");
    }

    @Test
    void alternateExchangesChain() {
        declare("x5", ExchangeType.DIRECT, "x6");
        declare("x6", ExchangeType.DIRECT, "ae2");
        declare("ae2", ExchangeType.FANOUT, null);
        bindQueue("q2", "ae2", "");

        assertThat(route("x5", "k")).containsExactly("q2");
    }

    @Test
    void alternateExchangeCyclesEnd() {
        declare("x3", ExchangeType.DIRECT, "x4");
        declare("x4", ExchangeType.DIRECT, "x3");
        declare("x10", ExchangeType.DIRECT, "x10");

        assertThat(route("x3", "k")).isEmpty();
        assertThat(route("x10", "k")).isEmpty();
    }

    @Test
    void alternateExchangeAlreadyVisitedIsNotUsedAgain() {
        declare("x11", ExchangeType.DIRECT, "ae1");
        declare("x12", ExchangeType.DIRECT, "x11");
        declare("ae1", ExchangeType.FANOUT, null);
        bindQueue("q1", "ae1", "");
        bindExchange("x12", "x11", "k");

        assertThat(route("x11", "k")).isEmpty();
    }

    @Test
    void missingAlternateExchangeIsSkipped() {
        declare("x13", ExchangeType.DIRECT, "missing");

        assertThat(route("x13", "k")).isEmpty();
    }

    @Test
    void exchangeToExchangeCyclesEndAndQueuesGetOneCopy() {
        declare("x7", ExchangeType.FANOUT, null);
        declare("x8", ExchangeType.FANOUT, null);
        bindExchange("x8", "x7", "");
        bindExchange("x7", "x8", "");
        bindQueue("q3", "x8", "");
        bindQueue("q3", "x7", "");

        assertThat(route("x7", "")).containsExactly("q3");
    }

    @Test
    void selfBoundExchangeRoutesNowhereAndSkipsItsAlternate() {
        declare("x9", ExchangeType.FANOUT, "ae1");
        declare("ae1", ExchangeType.FANOUT, null);
        bindQueue("q1", "ae1", "");
        bindExchange("x9", "x9", "");

        assertThat(route("x9", "")).isEmpty();
    }

    @Test
    void diamondDeliversOnce() {
        declare("x16", ExchangeType.FANOUT, null);
        declare("x17", ExchangeType.FANOUT, null);
        declare("x18", ExchangeType.FANOUT, null);
        bindExchange("x17", "x16", "");
        bindExchange("x18", "x16", "");
        bindQueue("q5", "x17", "");
        bindQueue("q5", "x18", "");

        assertThat(route("x16", "")).containsExactly("q5");
    }

    @Test
    void headersTravelDownTheChain() {
        declare("h1", ExchangeType.HEADERS, null);
        declare("h2", ExchangeType.HEADERS, null);
        exchanges.get("h1").bindings().add(new Binding("h1", Destination.exchange("h2"), "", Map.of("a", 1)));
        exchanges.get("h2").bindings().add(new Binding("h2", Destination.queue("q"), "", Map.of("b", 2)));
        Set<String> queues = new TreeSet<>();

        ExchangeRouter.route(exchanges.get("h1"), "", Map.of("a", 1L, "b", 2), exchanges::get, queues);

        assertThat(queues).containsExactly("q");
    }

    @Test
    void severalRoutingKeysUseTheAlternateOnlyWhenNoneMatched() {
        declare("x", ExchangeType.DIRECT, "ae");
        declare("ae", ExchangeType.FANOUT, null);
        bindQueue("q", "x", "k");
        bindQueue("unrouted", "ae", "");
        Set<String> queues = new TreeSet<>();

        ExchangeRouter.route(exchanges.get("x"), List.of("other", "k"), null, exchanges::get, queues);
        assertThat(queues).containsExactly("q");

        queues.clear();
        ExchangeRouter.route(exchanges.get("x"), List.of("other", "more"), null, exchanges::get, queues);
        assertThat(queues).containsExactly("unrouted");
    }

    @Test
    void defaultExchangeRoutesToTheQueueNamedByTheKey() {
        declare("", ExchangeType.DIRECT, null);

        assertThat(route("", "orders")).containsExactly("orders");
    }

    @Test
    void alternateExchangeComesFromTheArgumentWhenItIsAString() {
        Exchange withAe = new Exchange("x", ExchangeType.DIRECT, true, false, false, Map.of("alternate-exchange", "ae"));
        Exchange withNumber = new Exchange("x", ExchangeType.DIRECT, true, false, false, Map.of("alternate-exchange", 5));
        Exchange without = new Exchange("x", ExchangeType.DIRECT, true, false, false, null);

        assertThat(withAe.alternateExchange()).isEqualTo("ae");
        assertThat(withNumber.alternateExchange()).isNull();
        assertThat(without.alternateExchange()).isNull();
        assertThat(without.arguments()).isEmpty();
    }

    private void declare(String name, ExchangeType type, String alternate) {
        Map<String, Object> args = alternate == null ? Map.of() : Map.of("alternate-exchange", alternate);
        exchanges.put(name, new Exchange(name, type, false, false, false, args));
    }

    private void bindQueue(String queue, String source, String key) {
        exchanges.get(source).bindings().add(new Binding(source, Destination.queue(queue), key));
    }

    private void bindExchange(String destination, String source, String key) {
        exchanges.get(source).bindings().add(new Binding(source, Destination.exchange(destination), key));
    }

    private Set<String> route(String exchange, String key) {
        Set<String> queues = new TreeSet<>();
        ExchangeRouter.route(exchanges.get(exchange), key, null, exchanges::get, queues);
        return queues;
    }
}
