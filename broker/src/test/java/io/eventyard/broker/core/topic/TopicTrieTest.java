package io.eventyard.broker.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicTrieTest {

    /** The routing keys published to RabbitMQ 3.10.8 to record the table below. */
    private static final List<String> KEYS = List.of("", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b",
            "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a");

    /**
     * For each binding key, the keys of {@link #KEYS} that a RabbitMQ 3.10.8 topic exchange delivered through
     * it, recorded against the real broker.
     */
    static Stream<Arguments> rabbitTopicTable() {
        return Stream.of(
                rabbit("", ""),
                rabbit("#", "", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("*", "a", "b", "*", "#"),
                rabbit("#.#", "", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("*.#", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("#.*", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("a", "a"),
                rabbit("a.*", "a.b", "a.", "a.*", "a.#", "a.a"),
                rabbit("a.#", "a", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", "a.b.c", "a.*", "a.#", "a.a", "a.b.a"),
                rabbit("#.a", "a", ".a", "x.a", "a.a", "b.a", "a.b.a"),
                rabbit("a.#.b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b"),
                rabbit("a.*.b", "a.a.b", "a.b.b", "a..b"),
                rabbit("a..b", "a..b"),
                rabbit("a.", "a."),
                rabbit(".a", ".a"),
                rabbit(".", "."),
                rabbit("*.*", "a.b", "a.", ".a", ".", "x.a", "a.*", "a.#", "a.a", "b.a"),
                rabbit("a.#.#.b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b"),
                rabbit("#.b.#", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.b.c", "b.a", "a.b.a"),
                rabbit("*.*.#", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("a.*.#", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", "a.b.c", "a.*", "a.#", "a.a", "a.b.a"),
                rabbit("#.#.#", "", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit(".#", ".a", ".", ".."),
                rabbit("#.", "a.", ".", ".."),
                rabbit("a.#.*", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", "a.b.c", "a.*", "a.#", "a.a", "a.b.a"),
                rabbit("..", ".."),
                rabbit("*.", "a.", "."),
                rabbit(".*", ".a", "."),
                rabbit("#.*.#", "a", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "*", "#", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("*.#.*", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b", "a.", ".a", ".", "..", "x.a", "a.b.c", "a.*", "a.#", "a.a", "b.a", "a.b.a"),
                rabbit("a.#.a", "a.a", "a.b.a"),
                rabbit("#.#.b", "b", "a.b", "a.a.b", "a.b.b", "a.x.y.b", "a..b"));
    }

    private static Arguments rabbit(String pattern, String... matchedKeys) {
        return Arguments.of(pattern, List.of(matchedKeys));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("rabbitTopicTable")
    void matchesRoutingKeysAsRabbitMq(String pattern, List<String> expected) {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add(pattern, "q");

        List<String> matched = KEYS.stream().filter(key -> !matches(trie, key).isEmpty()).collect(Collectors.toList());

        assertThat(matched).containsExactlyElementsOf(expected);
    }

    @Test
    void matchesWholeRabbitTableInOneTrie() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        List<Arguments> table = rabbitTopicTable().collect(Collectors.toList());
        for (Arguments row : table) {
            trie.add((String) row.get()[0], (String) row.get()[0]);
        }
        for (String key : KEYS) {
            List<String> expected = new ArrayList<>();
            for (Arguments row : table) {
                if (((List<?>) row.get()[1]).contains(key)) {
                    expected.add((String) row.get()[0]);
                }
            }
            assertThat(matches(trie, key)).as("key \"%s\"", key).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void deliversValueOncePerMatchingPattern() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add("a.#", "q1");
        trie.add("#.b", "q1");
        trie.add("a.#.#.b", "q2");
        trie.add("#.#", "q3");

        assertThat(matches(trie, "a.x.b")).containsExactlyInAnyOrder("q1", "q1", "q2", "q3");
    }

    @Test
    void addingTheSamePairTwiceIsRefused() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);

        assertThat(trie.add("a.*", "q")).isTrue();
        assertThat(trie.add("a.*", "q")).isFalse();
        assertThat(trie.add("a.*", "r")).isTrue();
        assertThat(trie.size()).isEqualTo(2);
        assertThat(matches(trie, "a.b")).containsExactlyInAnyOrder("q", "r");
    }

    @Test
    void removePrunesNodesLeftEmpty() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add("a.b.c", "q");
        trie.add("a.#.*", "q");
        trie.add("a.b", "r");
        trie.add("", "s");

        assertThat(trie.remove("a.b.c", "q")).isTrue();
        assertThat(trie.remove("a.#.*", "q")).isTrue();
        assertThat(trie.nodeCount()).isEqualTo(3);
        assertThat(trie.remove("a.b", "r")).isTrue();
        assertThat(trie.remove("", "s")).isTrue();

        assertThat(trie.isEmpty()).isTrue();
        assertThat(trie.size()).isZero();
        assertThat(trie.nodeCount()).isEqualTo(1);
        assertThat(matches(trie, "a.b")).isEmpty();
    }

    @Test
    void removeOfAbsentPairChangesNothing() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add("a.b", "q");

        assertThat(trie.remove("a.b", "r")).isFalse();
        assertThat(trie.remove("a.b.c", "q")).isFalse();
        assertThat(trie.remove("a", "q")).isFalse();
        assertThat(trie.remove("a.*", "q")).isFalse();
        assertThat(trie.size()).isEqualTo(1);
        assertThat(matches(trie, "a.b")).containsExactly("q");
    }

    @Test
    void removeKeepsNodesOtherPatternsStillUse() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add("a.b", "q");
        trie.add("a.b.c", "r");

        trie.remove("a.b", "q");

        assertThat(matches(trie, "a.b.c")).containsExactly("r");
        assertThat(matches(trie, "a.b")).isEmpty();
    }

    @Test
    void manyMultiLevelWildcardsMatchInPolynomialTime() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        String pattern = String.join(".", Collections.nCopies(40, "#")) + ".z";
        trie.add(pattern, "q");
        trie.add(String.join(".", Collections.nCopies(40, "#.a")), "r");
        String key = String.join(".", Collections.nCopies(200, "a"));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(matches(trie, key)).containsExactly("r");
            assertThat(matches(trie, key + ".z")).containsExactly("q");
        });
    }

    @Test
    void consumerMayChangeTheTrieWhileMatching() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add("a.*", "q");
        trie.add("a.*", "r");
        List<String> seen = new ArrayList<>();

        trie.match("a.b", value -> {
            seen.add(value);
            trie.remove("a.*", value);
        });

        assertThat(seen).containsExactlyInAnyOrder("q", "r");
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void mqttMultiLevelWildcardAlsoMatchesTheParentLevel() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.MQTT);
        trie.add("sport/tennis/#", "s");

        assertThat(matches(trie, "sport/tennis")).containsExactly("s");
        assertThat(matches(trie, "sport/tennis/player1/ranking")).containsExactly("s");
        assertThat(matches(trie, "sport")).isEmpty();
    }

    @Test
    void mqttSingleLevelWildcardMatchesEmptyLevels() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.MQTT);
        trie.add("+/+", "two");
        trie.add("/+", "lead");
        trie.add("+", "one");
        trie.add("sport/+", "sport");

        assertThat(matches(trie, "/finance")).containsExactlyInAnyOrder("two", "lead");
        assertThat(matches(trie, "sport")).containsExactly("one");
        assertThat(matches(trie, "sport/")).containsExactlyInAnyOrder("two", "sport");
    }

    @Test
    void mqttDollarTopicsEscapeLeadingWildcards() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.MQTT);
        trie.add("#", "all");
        trie.add("+/monitor/Clients", "plus");
        trie.add("$SYS/#", "sys");
        trie.add("$SYS/monitor/+", "sys-plus");
        trie.add("+/#", "plus-hash");

        assertThat(matches(trie, "$SYS/monitor/Clients")).containsExactlyInAnyOrder("sys", "sys-plus");
        assertThat(matches(trie, "$SYS")).containsExactly("sys");
        assertThat(matches(trie, "home/monitor/Clients")).containsExactlyInAnyOrder("all", "plus", "plus-hash");
    }

    @Test
    void amqpDoesNotHideDollarTopics() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);
        trie.add("#", "all");
        trie.add("*.b", "star");

        assertThat(matches(trie, "$a.b")).containsExactlyInAnyOrder("all", "star");
    }

    @Test
    void splitsKeepingEmptyLevelsAndEmptyStringHasNone() {
        TopicTrie<String> trie = new TopicTrie<>(TopicSyntax.AMQP);

        assertThat(trie.split("")).isEmpty();
        assertThat(trie.split(".")).containsExactly("", "");
        assertThat(trie.split("a..b.")).containsExactly("a", "", "b", "");
    }

    private static List<String> matches(TopicTrie<String> trie, String topic) {
        List<String> out = new ArrayList<>();
        trie.match(topic, out::add);
        return out;
    }
}
