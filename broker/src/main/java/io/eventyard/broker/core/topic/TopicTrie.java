package io.eventyard.broker.core.topic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Subscription patterns in a trie of levels, for AMQP topic exchanges and MQTT subscriptions alike.
 *
 * <p>Topics and patterns split at the separator into levels; empty levels count ({@code a..b} has three), and
 * the empty string has no level at all, as in RabbitMQ. A single-level wildcard matches exactly one level, a
 * multi-level wildcard zero or more, anywhere in the pattern. The trie does not validate patterns: where a
 * protocol restricts wildcards (MQTT allows {@code #} only as the last level, and neither wildcard inside a
 * level) its handler checks before adding.
 *
 * <p>Matching walks the topic level by level with the set of trie nodes reached so far (the usual NFA walk),
 * so it costs O(levels × reached nodes) however many multi-level wildcards a pattern has; RabbitMQ's own
 * backtracking walk is exponential in them.
 *
 * <p>Not thread-safe: owned by the core thread.
 *
 * @param <T> the subscriber of a pattern (a binding, an MQTT session); compared with {@code equals}
 */
public final class TopicTrie<T> {

    private final TopicSyntax syntax;
    private final Node<T> root = new Node<>(null, null, false);
    private int size;
    private long stampCounter;

    public TopicTrie(TopicSyntax syntax) {
        this.syntax = syntax;
    }

    public TopicSyntax syntax() {
        return syntax;
    }

    /** Adds {@code value} under {@code pattern}; false when that pair was already there. */
    public boolean add(String pattern, T value) {
        Node<T> node = root;
        for (String level : split(pattern)) {
            node = node.childOrCreate(level, syntax);
        }
        if (node.values == null) {
            node.values = new LinkedHashSet<>();
        }
        boolean added = node.values.add(value);
        if (added) {
            size++;
        }
        return added;
    }

    /** Removes {@code value} from {@code pattern}, pruning nodes left empty; false when the pair was not there. */
    public boolean remove(String pattern, T value) {
        Node<T> node = root;
        for (String level : split(pattern)) {
            node = node.child(level, syntax);
            if (node == null) {
                return false;
            }
        }
        if (node.values == null || !node.values.remove(value)) {
            return false;
        }
        size--;
        if (node.values.isEmpty()) {
            node.values = null;
        }
        while (node.parent != null && node.isEmpty()) {
            node.parent.removeChild(node);
            node = node.parent;
        }
        return true;
    }

    /**
     * Hands {@code out} the values of every pattern that matches {@code topic}: each value once per matching
     * pattern, so a value under two matching patterns comes twice and the caller dedups if it needs to.
     */
    public void match(String topic, Consumer<? super T> out) {
        List<String> levels = split(topic);
        boolean hiddenFromRootWildcards = syntax.dollarTopicsHidden()
                && !levels.isEmpty() && levels.get(0).startsWith("$");
        // A node may be reached along several paths (a.#.b and a.b.# style); a stamp per level keeps each
        // node once in that level's list without allocating a set.
        long stamp = ++stampCounter;
        List<Node<T>> reached = new ArrayList<>();
        if (hiddenFromRootWildcards) {
            root.stamp = stamp;
            reached.add(root);
        } else {
            reach(root, reached, stamp);
        }
        for (int i = 0; i < levels.size() && !reached.isEmpty(); i++) {
            String level = levels.get(i);
            boolean wildcardsAllowed = i > 0 || !hiddenFromRootWildcards;
            stamp = ++stampCounter;
            List<Node<T>> next = new ArrayList<>();
            for (Node<T> node : reached) {
                if (node.literal != null) {
                    reach(node.literal.get(level), next, stamp);
                }
                if (wildcardsAllowed) {
                    reach(node.single, next, stamp);
                }
                if (node.isMultiLevel) {
                    reach(node, next, stamp);
                }
            }
            reached = next;
        }
        // Collected before delivering, so that a consumer may change the trie.
        List<T> matched = new ArrayList<>();
        for (Node<T> node : reached) {
            if (node.values != null) {
                matched.addAll(node.values);
            }
        }
        matched.forEach(out);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of (pattern, value) pairs. */
    public int size() {
        return size;
    }

    /** The nodes of the trie including the root, to see that removal prunes. */
    int nodeCount() {
        return count(root);
    }

    private static int count(Node<?> node) {
        if (node == null) {
            return 0;
        }
        int total = 1 + count(node.single) + count(node.multi);
        if (node.literal != null) {
            for (Node<?> child : node.literal.values()) {
                total += count(child);
            }
        }
        return total;
    }

    /** Adds {@code node} and, since a multi-level wildcard may match nothing, the wildcard nodes below it. */
    private void reach(Node<T> node, List<Node<T>> reached, long stamp) {
        while (node != null && node.stamp != stamp) {
            node.stamp = stamp;
            reached.add(node);
            node = node.multi;
        }
    }

    /** Splits at the separator, keeping empty levels; the empty string has none. */
    List<String> split(String topic) {
        if (topic.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> levels = new ArrayList<>();
        char separator = syntax.separator();
        int start = 0;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == separator) {
                levels.add(topic.substring(start, i));
                start = i + 1;
            }
        }
        levels.add(topic.substring(start));
        return levels;
    }

    private static final class Node<T> {
        final Node<T> parent;
        final String level;
        final boolean isMultiLevel;
        Map<String, Node<T>> literal;
        Node<T> single;
        Node<T> multi;
        Set<T> values;
        long stamp;

        Node(Node<T> parent, String level, boolean isMultiLevel) {
            this.parent = parent;
            this.level = level;
            this.isMultiLevel = isMultiLevel;
        }

        Node<T> child(String level, TopicSyntax syntax) {
            if (level.equals(syntax.singleLevelWildcard())) {
                return single;
            }
            if (level.equals(syntax.multiLevelWildcard())) {
                return multi;
            }
            return literal == null ? null : literal.get(level);
        }

        Node<T> childOrCreate(String level, TopicSyntax syntax) {
            if (level.equals(syntax.singleLevelWildcard())) {
                if (single == null) {
                    single = new Node<>(this, level, false);
                }
                return single;
            }
            if (level.equals(syntax.multiLevelWildcard())) {
                if (multi == null) {
                    multi = new Node<>(this, level, true);
                }
                return multi;
            }
            if (literal == null) {
                literal = new HashMap<>(4);
            }
            return literal.computeIfAbsent(level, l -> new Node<>(this, l, false));
        }

        void removeChild(Node<T> child) {
            if (child == single) {
                single = null;
            } else if (child == multi) {
                multi = null;
            } else {
                literal.remove(child.level);
                if (literal.isEmpty()) {
                    literal = null;
                }
            }
        }

        boolean isEmpty() {
            return values == null && literal == null && single == null && multi == null;
        }
    }
}
