package io.eventyard.broker;

/**
 * Definitions an operator manages: virtual hosts, users and their permissions, the same model as
 * RabbitMQ's {@code rabbitmqctl add_vhost / add_user / set_permissions}. Changes are durable when the
 * broker has a data directory.
 */
public interface BrokerAdmin {

    void addVirtualHost(String name);

    /** Deletes the virtual host with everything in it and closes its connections. */
    void deleteVirtualHost(String name);

    void addUser(String name, String password, String... tags);

    /** Deletes the user and its permissions; its open connections stay (as in RabbitMQ). */
    void deleteUser(String name);

    /**
     * Grants {@code user} on {@code vhost} the three regular expressions RabbitMQ uses: resources whose
     * names match {@code configure} may be declared and deleted, {@code write} published to or bound to,
     * {@code read} consumed from or bound from. An empty pattern matches nothing.
     */
    void setPermissions(String user, String vhost, String configure, String write, String read);

    void clearPermissions(String user, String vhost);

    /**
     * Sets the user's topic permission on one topic exchange of {@code vhost}, as RabbitMQ's
     * {@code set_topic_permissions}: a routing key published to {@code exchange} must match {@code write}, a key
     * bound or subscribed from it {@code read} (searched, not fully matched; empty stands for {@code ^$}). The
     * expressions may name {@code {username}}, {@code {vhost}} and, for MQTT, {@code {client_id}}. An exchange
     * the user has no topic permission for is not restricted.
     */
    void setTopicPermissions(String user, String vhost, String exchange, String write, String read);

    /** Removes the user's topic permissions on every exchange of {@code vhost}. */
    void clearTopicPermissions(String user, String vhost);

    /** Removes the user's topic permission on one exchange of {@code vhost}. */
    void clearTopicPermissions(String user, String vhost, String exchange);
}
