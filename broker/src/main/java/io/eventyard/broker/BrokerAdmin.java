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
}
