package io.eventyard.broker.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The definitions the log currently holds, by identity, with removals cascading to what depends on the
 * removed definition. Also keeps the encoded size of the live set, which decides when to compact.
 */
final class LiveDefinitions {

    private final Map<Object, Entry<VirtualHostDefinition>> vhosts = new LinkedHashMap<>();
    private final Map<Object, Entry<UserDefinition>> users = new LinkedHashMap<>();
    private final Map<Object, Entry<PermissionDefinition>> permissions = new LinkedHashMap<>();
    private final Map<Object, Entry<TopicPermissionDefinition>> topicPermissions = new LinkedHashMap<>();
    private final Map<Object, Entry<ExchangeDefinition>> exchanges = new LinkedHashMap<>();
    private final Map<Object, Entry<QueueDefinition>> queues = new LinkedHashMap<>();
    private final Map<Object, Entry<BindingDefinition>> bindings = new LinkedHashMap<>();
    private long encodedBytes;

    private record Entry<D extends Definition>(D definition, int size) {
    }

    void apply(DefinitionChange change) {
        Definition d = change.definition();
        boolean put = change.action() == DefinitionChange.Action.PUT;
        if (d instanceof VirtualHostDefinition v) {
            if (put) {
                put(vhosts, v.name(), v);
            } else if (remove(vhosts, v.name())) {
                Predicate<String> inVhost = v.name()::equals;
                removeIf(permissions, p -> inVhost.test(p.vhost()));
                removeIf(topicPermissions, t -> inVhost.test(t.vhost()));
                removeIf(exchanges, e -> inVhost.test(e.vhost()));
                removeIf(queues, q -> inVhost.test(q.vhost()));
                removeIf(bindings, b -> inVhost.test(b.vhost()));
            }
        } else if (d instanceof UserDefinition u) {
            if (put) {
                put(users, u.name(), u);
            } else if (remove(users, u.name())) {
                removeIf(permissions, p -> p.user().equals(u.name()));
                removeIf(topicPermissions, t -> t.user().equals(u.name()));
            }
        } else if (d instanceof PermissionDefinition p) {
            if (put) {
                put(permissions, List.of(p.user(), p.vhost()), p);
            } else {
                remove(permissions, List.of(p.user(), p.vhost()));
            }
        } else if (d instanceof TopicPermissionDefinition t) {
            if (put) {
                put(topicPermissions, List.of(t.user(), t.vhost(), t.exchange()), t);
            } else {
                remove(topicPermissions, List.of(t.user(), t.vhost(), t.exchange()));
            }
        } else if (d instanceof ExchangeDefinition e) {
            if (put) {
                put(exchanges, List.of(e.vhost(), e.name()), e);
            } else if (remove(exchanges, List.of(e.vhost(), e.name()))) {
                removeIf(bindings, b -> b.vhost().equals(e.vhost())
                        && (b.source().equals(e.name())
                            || (b.destinationKind().equals(BindingDefinition.EXCHANGE) && b.destination().equals(e.name()))));
            }
        } else if (d instanceof QueueDefinition q) {
            if (put) {
                put(queues, List.of(q.vhost(), q.name()), q);
            } else if (remove(queues, List.of(q.vhost(), q.name()))) {
                removeIf(bindings, b -> b.vhost().equals(q.vhost())
                        && b.destinationKind().equals(BindingDefinition.QUEUE) && b.destination().equals(q.name()));
            }
        } else if (d instanceof BindingDefinition b) {
            if (put) {
                put(bindings, bindingKey(b), b);
            } else {
                remove(bindings, bindingKey(b));
            }
        }
    }

    Definitions snapshot() {
        return new Definitions(definitions(vhosts), definitions(users), definitions(permissions),
                definitions(topicPermissions), definitions(exchanges), definitions(queues), definitions(bindings));
    }

    /** Every live definition in recovery order, as the puts a compacted log holds. */
    List<Definition> all() {
        List<Definition> all = new ArrayList<>();
        for (Map<Object, ? extends Entry<? extends Definition>> kind
                : List.of(vhosts, users, permissions, topicPermissions, exchanges, queues, bindings)) {
            kind.values().forEach(entry -> all.add(entry.definition()));
        }
        return all;
    }

    int count() {
        return vhosts.size() + users.size() + permissions.size() + topicPermissions.size() + exchanges.size() + queues.size() + bindings.size();
    }

    /** The bytes the live set takes as changes, before record framing. */
    long encodedBytes() {
        return encodedBytes;
    }

    private static Object bindingKey(BindingDefinition b) {
        return List.of(b.vhost(), b.source(), b.destinationKind(), b.destination(), b.routingKey(),
                ByteBuffer.wrap(ArgumentTable.canonical(b.arguments())));
    }

    private <D extends Definition> void put(Map<Object, Entry<D>> kind, Object key, D definition) {
        Entry<D> entry = new Entry<>(definition, DefinitionCodec.encodedSize(definition));
        Entry<D> previous = kind.put(key, entry);
        encodedBytes += entry.size() - (previous == null ? 0 : previous.size());
    }

    private <D extends Definition> boolean remove(Map<Object, Entry<D>> kind, Object key) {
        Entry<D> previous = kind.remove(key);
        if (previous == null) {
            return false;
        }
        encodedBytes -= previous.size();
        return true;
    }

    private <D extends Definition> void removeIf(Map<Object, Entry<D>> kind, Predicate<D> doomed) {
        Iterator<Entry<D>> entries = kind.values().iterator();
        while (entries.hasNext()) {
            Entry<D> entry = entries.next();
            if (doomed.test(entry.definition())) {
                entries.remove();
                encodedBytes -= entry.size();
            }
        }
    }

    private static <D extends Definition> List<D> definitions(Map<Object, Entry<D>> kind) {
        List<D> list = new ArrayList<>(kind.size());
        kind.values().forEach(entry -> list.add(entry.definition()));
        return list;
    }
}
