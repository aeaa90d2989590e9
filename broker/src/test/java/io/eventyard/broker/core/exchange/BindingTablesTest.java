package io.eventyard.broker.core.exchange;

import static io.eventyard.broker.core.exchange.BindingTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BindingTablesTest {

    private static final Destination Q1 = Destination.queue("q1");
    private static final Destination Q2 = Destination.queue("q2");
    private static final Destination X1 = Destination.exchange("x1");

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void addRefusesAnEqualBindingAndRemoveAnAbsentOne(ExchangeType type) {
        BindingTable table = type.newBindingTable();
        Binding binding = new Binding("x", Q1, "k", table("a", 1));

        assertThat(table.add(binding)).isTrue();
        assertThat(table.add(new Binding("x", Q1, "k", table("a", 1)))).isFalse();
        assertThat(table.add(new Binding("x", Q1, "k", table("a", 2)))).isTrue();
        assertThat(table.remove(new Binding("x", Q1, "k", table("a", 3)))).isFalse();
        assertThat(table.remove(binding)).isTrue();
        assertThat(table.remove(binding)).isFalse();
        assertThat(table.bindings()).containsExactly(new Binding("x", Q1, "k", table("a", 2)));
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void removeDestinationTakesEveryBindingToIt(ExchangeType type) {
        BindingTable table = type.newBindingTable();
        Binding a = new Binding("x", Q1, "a");
        Binding b = new Binding("x", Q2, "a");
        Binding c = new Binding("x", Q1, "c");
        Binding d = new Binding("x", X1, "a");
        List.of(a, b, c, d).forEach(table::add);

        assertThat(table.removeDestination(Q1)).containsExactly(a, c);
        assertThat(table.removeDestination(Q1)).isEmpty();

        assertThat(table.bindings()).containsExactly(b, d);
        assertThat(route(table, "a", Map.of())).doesNotContain(Q1);
        table.removeDestination(Q2);
        table.removeDestination(X1);
        assertThat(table.isEmpty()).isTrue();
        assertThat(route(table, "a", Map.of())).isEmpty();
    }

    @Test
    void directRoutesOnTheExactKey() {
        BindingTable table = new DirectBindings();
        table.add(new Binding("x", Q1, "a.b"));
        table.add(new Binding("x", Q2, "a.*"));
        table.add(new Binding("x", X1, "a.b"));
        table.add(new Binding("x", Q1, ""));

        assertThat(route(table, "a.b", null)).containsExactlyInAnyOrder(Q1, X1);
        assertThat(route(table, "a.*", null)).containsExactly(Q2);
        assertThat(route(table, "", null)).containsExactly(Q1);
        assertThat(route(table, "A.B", null)).isEmpty();
    }

    @Test
    void directRoutesADestinationOncePerBinding() {
        BindingTable table = new DirectBindings();
        table.add(new Binding("x", Q1, "k"));
        table.add(new Binding("x", Q1, "k", table("a", 1)));

        assertThat(route(table, "k", null)).containsExactly(Q1, Q1);
    }

    @Test
    void fanoutRoutesEveryDestinationOnceWhateverTheKey() {
        BindingTable table = new FanoutBindings();
        table.add(new Binding("x", Q1, "a"));
        table.add(new Binding("x", Q1, "b"));
        table.add(new Binding("x", X1, ""));

        assertThat(route(table, "anything", null)).containsExactly(Q1, X1);
    }

    @Test
    void topicRoutesByPattern() {
        BindingTable table = new TopicBindings();
        table.add(new Binding("x", Q1, "order.*"));
        table.add(new Binding("x", Q2, "#.paid"));
        table.add(new Binding("x", X1, "#"));

        assertThat(route(table, "order.paid", null)).containsExactlyInAnyOrder(Q1, Q2, X1);
        assertThat(route(table, "order.placed", null)).containsExactlyInAnyOrder(Q1, X1);
        assertThat(route(table, "", null)).containsExactly(X1);
    }

    @Test
    void topicRemovalLeavesOtherBindingsOfTheSamePattern() {
        BindingTable table = new TopicBindings();
        Binding withArgs = new Binding("x", Q1, "a.#", table("v", 1));
        table.add(new Binding("x", Q1, "a.#"));
        table.add(withArgs);

        table.remove(withArgs);

        assertThat(route(table, "a.b", null)).containsExactly(Q1);
    }

    @Test
    void typesHaveTheirWireNames() {
        assertThat(ExchangeType.fromWireName("direct")).contains(ExchangeType.DIRECT);
        assertThat(ExchangeType.fromWireName("fanout")).contains(ExchangeType.FANOUT);
        assertThat(ExchangeType.fromWireName("topic")).contains(ExchangeType.TOPIC);
        assertThat(ExchangeType.fromWireName("headers")).contains(ExchangeType.HEADERS);
        assertThat(ExchangeType.fromWireName("Direct")).isEmpty();
        assertThat(ExchangeType.fromWireName("x-consistent-hash")).isEmpty();
        assertThat(ExchangeType.HEADERS.wireName()).isEqualTo("headers");
    }

    private static List<Destination> route(BindingTable table, String key, Map<String, Object> headers) {
        List<Destination> out = new ArrayList<>();
        table.route(key, headers, out::add);
        return out;
    }
}
