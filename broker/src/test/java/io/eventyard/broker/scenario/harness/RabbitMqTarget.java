package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.ConnectionFactory;
import io.eventyard.broker.BrokerAdmin;

import java.net.URI;

/**
 * A real RabbitMQ reached at an {@code amqp://} URI, administered with {@link RabbitMqCtl}. Immutable.
 * The URI must lead to the default virtual host {@code /} (write it as {@code amqp://host:port} or
 * {@code amqp://host:port/%2F}), which the scenarios' expected texts assume.
 */
public final class RabbitMqTarget implements BrokerTarget {

    private final URI uri;
    private final RabbitMqCtl ctl;

    public RabbitMqTarget(URI uri, RabbitMqCtl ctl) {
        this.uri = uri;
        this.ctl = ctl;
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = BrokerTarget.clientFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an AMQP URI: " + uri, e);
        }
        if (factory.getVirtualHost().isEmpty()) {
            // The AMQP URI spec reads "amqp://host/" as the virtual host "", which no one means.
            factory.setVirtualHost("/");
        }
        return factory;
    }

    @Override
    public BrokerAdmin admin() {
        return ctl;
    }

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("a shared RabbitMQ is never restarted by a test");
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return name();
    }
}
