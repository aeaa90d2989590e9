package io.eventyard.e2e;

import io.eventyard.messaging.testing.RabbitMqVirtualHost;

/** An existing RabbitMQ, in a virtual host of this test's own; it cannot be restarted from here. */
final class RabbitMqBroker implements MessageBroker {

    private final RabbitMqVirtualHost vhost;

    RabbitMqBroker(String compatUri) {
        this.vhost = new RabbitMqVirtualHost(compatUri);
    }

    @Override
    public String amqpUri() {
        return vhost.amqpUri();
    }

    @Override
    public boolean restart() {
        return false;
    }

    @Override
    public void close() {
        vhost.close();
    }
}
