package io.eventyard.broker.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventyard.broker.core.message.LongString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingTest {

    private static final Destination Q = Destination.queue("q");

    @Test
    void argumentOrderAtTopLevelDoesNotCount() {
        Binding ab = binding(table("a", 1, "b", 2));
        Binding ba = binding(table("b", 2, "a", 1));

        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    }

    @Test
    void nestedTableOrderCounts() {
        assertThat(binding(table("n", table("a", 1, "b", 2))))
                .isNotEqualTo(binding(table("n", table("b", 2, "a", 1))));
    }

    @Test
    void fieldTypeCounts() {
        assertThat(binding(table("a", 1))).isNotEqualTo(binding(table("a", 1L)));
        assertThat(binding(table("s", "v"))).isNotEqualTo(binding(table("s", "v".getBytes(StandardCharsets.UTF_8))));
        assertThat(binding(table("d", new BigDecimal("1.0")))).isNotEqualTo(binding(table("d", new BigDecimal("1.00"))));
    }

    @Test
    void byteArraysCompareByContent() {
        Binding one = binding(table("x", new byte[] {1, 2}, "l", List.of(new byte[] {3})));
        Binding two = binding(table("x", new byte[] {1, 2}, "l", List.of(new byte[] {3})));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    }

    @Test
    void longStringEqualsStringOfTheSameBytes() {
        Binding one = binding(table("s", "é"));
        Binding two = binding(table("s", new LongString("é".getBytes(StandardCharsets.UTF_8))));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    }

    @Test
    void keyDestinationAndSourceCount() {
        Binding base = new Binding("x", Q, "k");

        assertThat(base).isNotEqualTo(new Binding("y", Q, "k"));
        assertThat(base).isNotEqualTo(new Binding("x", Destination.exchange("q"), "k"));
        assertThat(base).isNotEqualTo(new Binding("x", Q, "j"));
        assertThat(base).isEqualTo(new Binding("x", Q, "k", null));
    }

    @Test
    void voidArgumentsAreKeptAndCompared() {
        Map<String, Object> withVoid = new HashMap<>();
        withVoid.put("v", null);

        assertThat(binding(withVoid).arguments()).containsEntry("v", null);
        assertThat(binding(withVoid)).isEqualTo(binding(withVoid)).isNotEqualTo(binding(Map.of()));
    }

    @Test
    void argumentsAreACopy() {
        Map<String, Object> args = new HashMap<>(Map.of("a", 1));
        Binding b = binding(args);

        args.put("b", 2);

        assertThat(b.arguments()).containsOnlyKeys("a");
    }

    static Binding binding(Map<String, Object> args) {
        return new Binding("x", Q, "k", args);
    }

    static Map<String, Object> table(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }
}
