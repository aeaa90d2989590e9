package io.eventyard.broker.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.auth.PasswordHash;
import io.eventyard.broker.core.auth.Permission;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.auth.User;
import io.eventyard.broker.core.exchange.ExchangeType;
import io.eventyard.broker.core.queue.QueueStoreProvider;
import io.eventyard.broker.core.vhost.DurableDefinitions;
import io.eventyard.broker.core.vhost.VirtualHost;

/**
 * The broker's state as one object: virtual hosts, users, permissions and open connections. Owned by the
 * core thread; other threads reach it through {@link #executor()}.
 */
public final class BrokerCore {

    private final CoreExecutor executor;
    private final DurableDefinitions durable;
    private final Clock clock;
    private final Map<String, VirtualHost> vhosts = new HashMap<>();
    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Map<String, Permission>> permissions = new HashMap<>();
    private final TopicPermissions topicPermissions = new TopicPermissions();
    private final Set<BrokerConnection> connections = new LinkedHashSet<>();
    private final MessageCounters counters = new MessageCounters();
    private final QueueStoreProvider stores;
    private final Durability durability;

    public BrokerCore(CoreExecutor executor, DurableDefinitions durable, Clock clock) {
        this(executor, durable, clock, QueueStoreProvider.NONE, new Durability(executor));
    }

    public BrokerCore(CoreExecutor executor, DurableDefinitions durable, Clock clock, QueueStoreProvider stores,
                      Durability durability) {
        this.executor = executor;
        this.durable = durable;
        this.clock = clock;
        this.stores = stores;
        this.durability = durability;
        durability.onFailure(error -> closeAllConnections("message store failed: " + error.getMessage()));
    }

    private ResourceAlarms alarms;

    /** Starts the memory and disk alarms. Core thread. */
    public void startAlarms(ResourceAlarms.Limits limits) {
        alarms = new ResourceAlarms(this, limits);
        alarms.start();
    }

    /** The alarms' current verdict; nothing blocks when they were never started. Core thread. */
    public ResourceAlarms.State alarmState() {
        return alarms == null ? new ResourceAlarms.State(false, 0, Long.MAX_VALUE, false, Long.MAX_VALUE, 0)
                : alarms.state();
    }

    /** Measures now rather than at the next tick (tests, and right after a large change). Core thread. */
    public void checkAlarms() {
        if (alarms != null) {
            alarms.check();
        }
    }

    public void stopAlarms() {
        if (alarms != null) {
            alarms.stop();
        }
    }

    /** When appended messages are on disk: what confirms wait for. */
    public Durability durability() {
        return durability;
    }

    public CoreExecutor executor() {
        return executor;
    }

    public Clock clock() {
        return clock;
    }

    /** Broker-wide message totals; core thread only. */
    public MessageCounters counters() {
        return counters;
    }

    /** Open connections of every protocol; core thread only. */
    public List<BrokerConnection> connections() {
        return List.copyOf(connections);
    }

    public List<User> users() {
        return List.copyOf(users.values());
    }

    /** Every permission entry, user by user. */
    public java.util.List<Permission> permissions() {
        java.util.List<Permission> all = new ArrayList<>();
        permissions.values().forEach(byVhost -> all.addAll(byVhost.values()));
        return all;
    }

    // ---- virtual hosts ----------------------------------------------------------------------------------

    public VirtualHost virtualHost(String name) {
        return vhosts.get(name);
    }

    public Collection<VirtualHost> virtualHosts() {
        return vhosts.values();
    }

    public VirtualHost addVirtualHost(String name) {
        VirtualHost existing = vhosts.get(name);
        if (existing != null) {
            return existing;
        }
        durable.virtualHostAdded(name);
        VirtualHost vhost = new VirtualHost(name, executor, durable, clock, counters, stores);
        vhosts.put(name, vhost);
        return vhost;
    }

    public void deleteVirtualHost(String name) {
        VirtualHost vhost = vhosts.remove(name);
        if (vhost == null) {
            throw CoreException.notFound("no vhost '" + name + "'");
        }
        for (BrokerConnection connection : new ArrayList<>(connections)) {
            if (name.equals(connection.vhost())) {
                connection.closeForced("vhost '" + name + "' is deleted");
            }
        }
        vhost.clear();
        for (Map<String, Permission> byVhost : permissions.values()) {
            byVhost.remove(name);
        }
        topicPermissions.removeVhost(name);
        durable.virtualHostDeleted(name);
    }

    // ---- users and permissions --------------------------------------------------------------------------

    public void putUser(String name, String password, List<String> tags) {
        byte[] salt = PasswordHash.newSalt();
        User user = new User(name, PasswordHash.hash(password, salt), salt, List.copyOf(tags));
        durable.userPut(user);
        users.put(name, user);
    }

    /** Restores a user read back from the definition store. */
    public void restoreUser(User user) {
        users.put(user.name(), user);
    }

    public void deleteUser(String name) {
        if (users.remove(name) == null) {
            throw CoreException.notFound("no user '" + name + "'");
        }
        Map<String, Permission> removed = permissions.remove(name);
        if (removed != null) {
            removed.keySet().forEach(vhost -> durable.permissionDeleted(name, vhost));
        }
        topicPermissions.removeUser(name);
        durable.userDeleted(name);
    }

    public User user(String name) {
        return users.get(name);
    }

    public boolean hasUsers() {
        return !users.isEmpty();
    }

    public void setPermission(Permission permission) {
        if (!users.containsKey(permission.user())) {
            throw CoreException.notFound("no user '" + permission.user() + "'");
        }
        if (!vhosts.containsKey(permission.vhost())) {
            throw CoreException.notFound("no vhost '" + permission.vhost() + "'");
        }
        durable.permissionPut(permission);
        permissions.computeIfAbsent(permission.user(), u -> new HashMap<>()).put(permission.vhost(), permission);
    }

    public void clearPermission(String user, String vhost) {
        Map<String, Permission> byVhost = permissions.get(user);
        if (byVhost != null && byVhost.remove(vhost) != null) {
            durable.permissionDeleted(user, vhost);
        }
    }

    public Permission permission(String user, String vhost) {
        Map<String, Permission> byVhost = permissions.get(user);
        return byVhost == null ? null : byVhost.get(vhost);
    }

    /**
     * Refuses what {@code user} may not do to {@code resource} in {@code vhost}, with RabbitMQ's text
     * ("access to queue 'q' in vhost '/' refused for user 'u'").
     */
    public void authorize(String user, String vhost, Access access, String kind, String resource) {
        Permission permission = permission(user, vhost);
        if (permission == null || !permission.allows(access, resource)) {
            throw CoreException.accessRefused(access.label() + " access to " + kind + " '" + resource
                    + "' in vhost '" + vhost + "' refused for user '" + user + "'");
        }
    }

    // ---- topic permissions ------------------------------------------------------------------------------

    /** Every topic permission, user by user. */
    public List<TopicPermission> topicPermissions() {
        return topicPermissions.all();
    }

    /** The topic permissions of {@code user} on {@code vhost}, one per exchange, in the order they were set. */
    public List<TopicPermission> topicPermissions(String user, String vhost) {
        return topicPermissions.of(user, vhost);
    }

    /** Sets (or replaces) the user's topic permission on one exchange. The exchange need not exist yet. */
    public void setTopicPermission(TopicPermission permission) {
        if (!users.containsKey(permission.user())) {
            throw CoreException.notFound("no user '" + permission.user() + "'");
        }
        if (!vhosts.containsKey(permission.vhost())) {
            throw CoreException.notFound("no vhost '" + permission.vhost() + "'");
        }
        durable.topicPermissionPut(permission);
        topicPermissions.put(permission);
    }

    /** Removes the user's topic permissions on every exchange of {@code vhost}. */
    public void clearTopicPermissions(String user, String vhost) {
        for (TopicPermission permission : topicPermissions.of(user, vhost)) {
            clearTopicPermission(user, vhost, permission.exchange());
        }
    }

    /** Removes the user's topic permission on one exchange, if there is one. */
    public void clearTopicPermission(String user, String vhost, String exchange) {
        if (topicPermissions.remove(user, vhost, exchange)) {
            durable.topicPermissionDeleted(user, vhost, exchange);
        }
    }

    /**
     * RabbitMQ's topic authorisation: refuses {@code routingKey} on a topic exchange when the user has a topic
     * permission for that exchange whose {@code access} expression does not match it, with RabbitMQ's text
     * ("write access to topic 'k' in exchange 'x' in vhost '/' refused for user 'u'"). Allows everything on other
     * exchange types, on exchanges that do not exist, and on exchanges the user has no topic permission for.
     *
     * @param access    {@link Access#WRITE} for a publish's routing key, {@link Access#READ} for a binding key
     * @param variables values for the {@code {username}}, {@code {vhost}}, {@code {client_id}} placeholders
     */
    public void authorizeTopic(String user, String vhost, String exchange, String routingKey, Access access,
                               Map<String, String> variables) {
        TopicPermission permission = topicPermissions.get(user, vhost, exchange);
        if (permission == null || !isTopicExchange(vhost, exchange)) {
            return;
        }
        if (!permission.allows(access, routingKey, variables)) {
            throw CoreException.accessRefused(access.label() + " access to topic '" + routingKey + "' in exchange '"
                    + exchange + "' in vhost '" + vhost + "' refused for user '" + user + "'");
        }
    }

    private boolean isTopicExchange(String vhostName, String exchangeName) {
        VirtualHost vhost = vhosts.get(vhostName);
        return vhost != null && vhost.hasExchangeOfType(exchangeName, ExchangeType.TOPIC);
    }

    // ---- connections ------------------------------------------------------------------------------------

    public void connectionOpened(BrokerConnection connection) {
        connections.add(connection);
    }

    public void connectionClosed(BrokerConnection connection) {
        connections.remove(connection);
    }

    public int connectionCount() {
        return connections.size();
    }

    public void closeAllConnections(String reason) {
        for (BrokerConnection connection : new ArrayList<>(connections)) {
            connection.closeForced(reason);
        }
    }
}
