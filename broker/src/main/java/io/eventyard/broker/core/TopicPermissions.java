package io.eventyard.broker.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventyard.broker.core.auth.TopicPermission;

/**
 * The topic permissions the core holds, by user, vhost and exchange: at most one per exchange, as in RabbitMQ.
 * A check with no entry for its user is one map lookup, so brokers that never set one pay nothing. Core thread.
 */
final class TopicPermissions {

    private final Map<String, Map<String, Map<String, TopicPermission>>> byUser = new HashMap<>();

    void put(TopicPermission permission) {
        byUser.computeIfAbsent(permission.user(), u -> new HashMap<>())
                .computeIfAbsent(permission.vhost(), v -> new LinkedHashMap<>())
                .put(permission.exchange(), permission);
    }

    TopicPermission get(String user, String vhost, String exchange) {
        Map<String, Map<String, TopicPermission>> byVhost = byUser.get(user);
        if (byVhost == null) {
            return null;
        }
        Map<String, TopicPermission> byExchange = byVhost.get(vhost);
        return byExchange == null ? null : byExchange.get(exchange);
    }

    List<TopicPermission> of(String user, String vhost) {
        Map<String, Map<String, TopicPermission>> byVhost = byUser.get(user);
        Map<String, TopicPermission> byExchange = byVhost == null ? null : byVhost.get(vhost);
        return byExchange == null ? List.of() : List.copyOf(byExchange.values());
    }

    List<TopicPermission> all() {
        List<TopicPermission> all = new ArrayList<>();
        byUser.values().forEach(byVhost -> byVhost.values().forEach(byExchange -> all.addAll(byExchange.values())));
        return all;
    }

    boolean remove(String user, String vhost, String exchange) {
        Map<String, Map<String, TopicPermission>> byVhost = byUser.get(user);
        Map<String, TopicPermission> byExchange = byVhost == null ? null : byVhost.get(vhost);
        if (byExchange == null || byExchange.remove(exchange) == null) {
            return false;
        }
        if (byExchange.isEmpty()) {
            byVhost.remove(vhost);
            if (byVhost.isEmpty()) {
                byUser.remove(user);
            }
        }
        return true;
    }

    /** Forgets the user's topic permissions; the store cascades the same removal itself. */
    void removeUser(String user) {
        byUser.remove(user);
    }

    /** Forgets every topic permission on the vhost; the store cascades the same removal itself. */
    void removeVhost(String vhost) {
        byUser.values().removeIf(byVhost -> {
            byVhost.remove(vhost);
            return byVhost.isEmpty();
        });
    }
}
