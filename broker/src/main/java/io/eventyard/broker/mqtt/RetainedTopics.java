package io.eventyard.broker.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retained messages in a trie of topic levels, so that a SUBSCRIBE finds the ones its filter matches by
 * walking the filter's levels, not by testing every retained topic. The reverse of {@code core.topic.TopicTrie},
 * which holds patterns and is asked for a topic: here the trie holds topics and is asked for a pattern, so a
 * {@code +} visits every child of a node and a {@code #} takes a whole subtree, and no NFA is needed.
 * Not thread-safe: core thread.
 */
final class RetainedTopics {

    private static final class Node {
        final Node parent;
        final String level;
        Map<String, Node> children;
        Retained value;

        Node(Node parent, String level) {
            this.parent = parent;
            this.level = level;
        }
    }

    private final Node root = new Node(null, null);

    /** Sets the message of {@code topic} (a valid topic name, no wildcards). */
    void put(String topic, Retained value) {
        Node node = root;
        for (String level : levels(topic)) {
            if (node.children == null) {
                node.children = new HashMap<>();
            }
            Node parent = node;
            node = node.children.computeIfAbsent(level, name -> new Node(parent, name));
        }
        node.value = value;
    }

    /** Forgets the message of {@code topic}, pruning the nodes left empty. */
    void remove(String topic) {
        Node node = root;
        for (String level : levels(topic)) {
            node = node.children == null ? null : node.children.get(level);
            if (node == null) {
                return;
            }
        }
        node.value = null;
        while (node.parent != null && node.value == null && (node.children == null || node.children.isEmpty())) {
            node.parent.children.remove(node.level);
            node = node.parent;
        }
    }

    /**
     * Adds to {@code into} every message whose topic {@code filter} (a valid filter) matches under MQTT's rules:
     * {@code +} is one level, {@code #} the parent level and any below it, and a topic starting with {@code $} is
     * not matched by a filter starting with a wildcard (MQTT 3.1.1 section 4.7.2, 5.0 section 4.7.2).
     */
    void collect(String filter, List<Retained> into) {
        String[] levels = levels(filter);
        // iterative, with a stack of (node, filter level) pairs: a topic may have thousands of levels
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> indexes = new ArrayDeque<>();
        nodes.push(root);
        indexes.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int index = indexes.pop();
            if (index == levels.length) {
                if (node.value != null) {
                    into.add(node.value);
                }
                continue;
            }
            String level = levels[index];
            if (level.equals("#")) {
                // "a/#" matches "a" itself too (MQTT 3.1.1 section 4.7.1.2)
                if (node.value != null) {
                    into.add(node.value);
                }
                subtree(node, index == 0, into);
            } else if (node.children != null && level.equals("+")) {
                for (Node child : node.children.values()) {
                    if (!(index == 0 && child.level.startsWith("$"))) {
                        nodes.push(child);
                        indexes.push(index + 1);
                    }
                }
            } else if (node.children != null) {
                Node child = node.children.get(level);
                if (child != null) {
                    nodes.push(child);
                    indexes.push(index + 1);
                }
            }
        }
    }

    private static void subtree(Node top, boolean skipDollar, List<Retained> into) {
        Deque<Node> pending = new ArrayDeque<>();
        addChildren(top, skipDollar, pending);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node.value != null) {
                into.add(node.value);
            }
            addChildren(node, false, pending);
        }
    }

    private static void addChildren(Node node, boolean skipDollar, Deque<Node> pending) {
        if (node.children != null) {
            for (Node child : node.children.values()) {
                if (!(skipDollar && child.level.startsWith("$"))) {
                    pending.push(child);
                }
            }
        }
    }

    // Empty levels count: "a//b" has three and "/a" two, the first empty, as MQTT says.
    private static String[] levels(String topic) {
        return topic.split("/", -1);
    }
}
