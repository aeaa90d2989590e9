package io.eventyard.broker.core.vhost;

import io.eventyard.broker.core.auth.Permission;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.auth.User;
import io.eventyard.broker.core.exchange.Binding;
import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.queue.MessageQueue;

/**
 * Where a virtual host records its durable exchanges, queues and bindings so that they outlive a restart.
 * Each call returns once the change is durable.
 */
public interface DurableDefinitions {

    DurableDefinitions NONE = new DurableDefinitions() {
    };

    default void virtualHostAdded(String vhost) {
    }

    default void virtualHostDeleted(String vhost) {
    }

    default void userPut(User user) {
    }

    default void userDeleted(String user) {
    }

    default void permissionPut(Permission permission) {
    }

    default void permissionDeleted(String user, String vhost) {
    }

    default void topicPermissionPut(TopicPermission permission) {
    }

    default void topicPermissionDeleted(String user, String vhost, String exchange) {
    }

    default void exchangeDeclared(String vhost, Exchange exchange) {
    }

    default void exchangeDeleted(String vhost, String name) {
    }

    default void queueDeclared(String vhost, MessageQueue queue) {
    }

    default void queueDeleted(String vhost, String name) {
    }

    default void bindingAdded(String vhost, Binding binding) {
    }

    default void bindingRemoved(String vhost, Binding binding) {
    }
}
