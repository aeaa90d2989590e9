package io.eventyard.broker;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.auth.Permission;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.auth.User;
import io.eventyard.broker.core.exchange.Binding;
import io.eventyard.broker.core.exchange.Destination;
import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.vhost.DurableDefinitions;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.eventyard.broker.store.BindingDefinition;
import io.eventyard.broker.store.Definition;
import io.eventyard.broker.store.DefinitionStore;
import io.eventyard.broker.store.Definitions;
import io.eventyard.broker.store.ExchangeDefinition;
import io.eventyard.broker.store.PermissionDefinition;
import io.eventyard.broker.store.QueueDefinition;
import io.eventyard.broker.store.StoreException;
import io.eventyard.broker.store.TopicPermissionDefinition;
import io.eventyard.broker.store.UserDefinition;
import io.eventyard.broker.store.VirtualHostDefinition;

/**
 * The core's durable definitions kept in a {@link DefinitionStore}: each change is on disk before the
 * client hears "ok", and {@link #restoreInto} rebuilds vhosts, users, permissions, exchanges, queues and
 * bindings on start. Called on the core thread.
 */
final class DefinitionsOnDisk implements DurableDefinitions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsOnDisk.class);

    private final DefinitionStore store;
    private boolean restoring;

    private DefinitionsOnDisk(DefinitionStore store) {
        this.store = store;
    }

    static DefinitionsOnDisk open(Path dataDir) throws StoreException {
        return new DefinitionsOnDisk(DefinitionStore.open(dataDir));
    }

    /** Replays the stored definitions into an empty core, without writing them back. */
    void restoreInto(BrokerCore core) {
        Definitions definitions = store.load();
        restoring = true;
        try {
            definitions.vhosts().forEach(v -> core.addVirtualHost(v.name()));
            definitions.users().forEach(u -> core.restoreUser(new User(u.name(), u.passwordHash(), u.salt(), u.tags())));
            definitions.permissions().forEach(p -> core.setPermission(
                    new Permission(p.user(), p.vhost(), p.configure(), p.write(), p.read())));
            definitions.topicPermissions().forEach(t -> core.setTopicPermission(
                    new TopicPermission(t.user(), t.vhost(), t.exchange(), t.write(), t.read())));
            for (ExchangeDefinition e : definitions.exchanges()) {
                vhost(core, e.vhost()).declareExchange(e.name(), e.type(), false, true, e.autoDelete(), e.internal(),
                        e.arguments());
            }
            for (QueueDefinition q : definitions.queues()) {
                vhost(core, q.vhost()).restoreQueue(q.name(), q.autoDelete(), q.arguments());
            }
            for (BindingDefinition b : definitions.bindings()) {
                Destination destination = new Destination(BindingDefinition.EXCHANGE.equals(b.destinationKind())
                        ? Destination.Kind.EXCHANGE : Destination.Kind.QUEUE, b.destination());
                vhost(core, b.vhost()).bind(destination, b.source(), b.routingKey(), b.arguments());
            }
        } finally {
            restoring = false;
        }
        if (!definitions.isEmpty()) {
            LOG.info("restored {} vhosts, {} users, {} topic permissions, {} exchanges, {} queues, {} bindings from {}",
                    definitions.vhosts().size(), definitions.users().size(), definitions.topicPermissions().size(),
                    definitions.exchanges().size(),
                    definitions.queues().size(), definitions.bindings().size(), store.file());
        }
    }

    private static VirtualHost vhost(BrokerCore core, String name) {
        VirtualHost vhost = core.virtualHost(name);
        return vhost != null ? vhost : core.addVirtualHost(name);
    }

    @Override
    public void virtualHostAdded(String vhost) {
        put(new VirtualHostDefinition(vhost));
    }

    @Override
    public void virtualHostDeleted(String vhost) {
        remove(new VirtualHostDefinition(vhost));
    }

    @Override
    public void userPut(User user) {
        put(new UserDefinition(user.name(), user.passwordHash(), user.salt(), user.tags()));
    }

    @Override
    public void userDeleted(String user) {
        remove(new UserDefinition(user, new byte[0], new byte[0], List.of()));
    }

    @Override
    public void permissionPut(Permission p) {
        put(new PermissionDefinition(p.user(), p.vhost(), p.configure(), p.write(), p.read()));
    }

    @Override
    public void permissionDeleted(String user, String vhost) {
        remove(new PermissionDefinition(user, vhost, "", "", ""));
    }

    @Override
    public void topicPermissionPut(TopicPermission t) {
        put(new TopicPermissionDefinition(t.user(), t.vhost(), t.exchange(), t.write(), t.read()));
    }

    @Override
    public void topicPermissionDeleted(String user, String vhost, String exchange) {
        remove(new TopicPermissionDefinition(user, vhost, exchange, "", ""));
    }

    @Override
    public void exchangeDeclared(String vhost, Exchange exchange) {
        put(new ExchangeDefinition(vhost, exchange.name(), exchange.type().wireName(), exchange.autoDelete(),
                exchange.internal(), exchange.arguments()));
    }

    @Override
    public void exchangeDeleted(String vhost, String name) {
        remove(new ExchangeDefinition(vhost, name, "direct", false, false, java.util.Map.of()));
    }

    @Override
    public void queueDeclared(String vhost, MessageQueue queue) {
        put(new QueueDefinition(vhost, queue.name(), queue.autoDelete(), queue.arguments()));
    }

    @Override
    public void queueDeleted(String vhost, String name) {
        remove(new QueueDefinition(vhost, name, false, java.util.Map.of()));
    }

    @Override
    public void bindingAdded(String vhost, Binding binding) {
        put(bindingDefinition(vhost, binding));
    }

    @Override
    public void bindingRemoved(String vhost, Binding binding) {
        remove(bindingDefinition(vhost, binding));
    }

    private static BindingDefinition bindingDefinition(String vhost, Binding binding) {
        String kind = binding.destination().kind() == Destination.Kind.EXCHANGE
                ? BindingDefinition.EXCHANGE : BindingDefinition.QUEUE;
        return new BindingDefinition(vhost, binding.source(), kind,
                binding.destination().name(), binding.routingKey(), binding.arguments());
    }

    private void put(Definition definition) {
        if (restoring) {
            return;
        }
        try {
            store.put(definition);
        } catch (StoreException e) {
            throw failed(e);
        }
    }

    // A removal that cannot be stored is logged, not thrown: the thing is already gone from memory, and a
    // half-done close (a connection releasing its channels) would be worse than a definition that comes back.
    private void remove(Definition definition) {
        if (restoring) {
            return;
        }
        try {
            store.remove(definition);
        } catch (StoreException e) {
            LOG.error("cannot store the removal of {}; it will come back after a restart", definition, e);
        }
    }

    // A definition that cannot be made durable must not be confirmed to the client: the request fails.
    private static CoreException failed(StoreException e) {
        LOG.error("definition store failed", e);
        return new CoreException(CoreException.Reason.INTERNAL_ERROR, "cannot store definition: " + e.getMessage());
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (StoreException e) {
            LOG.warn("closing the definition store failed", e);
        }
    }
}
