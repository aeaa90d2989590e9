package io.eventyard.broker;

import java.util.List;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.auth.Permission;
import io.eventyard.broker.core.auth.TopicPermission;

/** {@link BrokerAdmin} on the core: each call is a task on the core thread, and waits for it. */
final class CoreAdmin implements BrokerAdmin {

    private final BrokerCore core;

    CoreAdmin(BrokerCore core) {
        this.core = core;
    }

    @Override
    public void addVirtualHost(String name) {
        run(() -> core.addVirtualHost(name));
    }

    @Override
    public void deleteVirtualHost(String name) {
        run(() -> core.deleteVirtualHost(name));
    }

    @Override
    public void addUser(String name, String password, String... tags) {
        run(() -> core.putUser(name, password, List.of(tags)));
    }

    @Override
    public void deleteUser(String name) {
        run(() -> core.deleteUser(name));
    }

    @Override
    public void setPermissions(String user, String vhost, String configure, String write, String read) {
        run(() -> core.setPermission(new Permission(user, vhost, configure, write, read)));
    }

    @Override
    public void clearPermissions(String user, String vhost) {
        run(() -> core.clearPermission(user, vhost));
    }

    @Override
    public void setTopicPermissions(String user, String vhost, String exchange, String write, String read) {
        TopicPermission permission = new TopicPermission(user, vhost, exchange, write, read);
        run(() -> core.setTopicPermission(permission));
    }

    @Override
    public void clearTopicPermissions(String user, String vhost) {
        run(() -> core.clearTopicPermissions(user, vhost));
    }

    @Override
    public void clearTopicPermissions(String user, String vhost, String exchange) {
        run(() -> core.clearTopicPermission(user, vhost, exchange));
    }

    private void run(Runnable task) {
        core.executor().call(() -> {
            task.run();
            return null;
        });
    }
}
