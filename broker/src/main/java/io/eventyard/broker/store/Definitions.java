package io.eventyard.broker.store;

import java.util.List;

/**
 * Every durable definition, grouped by kind so that recovery can go in dependency order: vhosts and users,
 * then permissions, topic permissions, exchanges and queues, then bindings. Each list is unmodifiable, in first-put order.
 */
public record Definitions(List<VirtualHostDefinition> vhosts, List<UserDefinition> users,
                          List<PermissionDefinition> permissions, List<TopicPermissionDefinition> topicPermissions,
                          List<ExchangeDefinition> exchanges,
                          List<QueueDefinition> queues, List<BindingDefinition> bindings) {

    public Definitions {
        vhosts = List.copyOf(vhosts);
        users = List.copyOf(users);
        permissions = List.copyOf(permissions);
        topicPermissions = List.copyOf(topicPermissions);
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
    }

    public static Definitions empty() {
        return new Definitions(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return vhosts.isEmpty() && users.isEmpty() && permissions.isEmpty() && topicPermissions.isEmpty()
                && exchanges.isEmpty()
                && queues.isEmpty() && bindings.isEmpty();
    }
}
