package io.eventyard.bench.orders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.eventyard.bench.Incidents;

/**
 * Hears every {@code order.shipped} event on the services' broker through a queue of its own (server-named,
 * exclusive, auto-delete, so it goes away with the connection), bound to {@code shop.events}, and tells the
 * {@link ShipmentTracker}. Auto-ack: a lost event shows up as an order not shipped, which is what a
 * benchmark should report. No automatic recovery, for the same reason.
 */
final class ShippedEvents implements AutoCloseable {

    static final String EXCHANGE = "shop.events";
    static final String ROUTING_KEY = "order.shipped";

    private final Connection connection;
    private final String server;

    private ShippedEvents(Connection connection) {
        this.connection = connection;
        Map<String, Object> properties = connection.getServerProperties();
        this.server = (String.valueOf(properties.getOrDefault("product", "")) + " "
                + properties.getOrDefault("version", "")).trim();
    }

    /** Connects, binds the queue and starts consuming; returns once events can no longer be missed. */
    static ShippedEvents listen(String amqpUri, ShipmentTracker tracker, Incidents errors)
            throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(amqpUri);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad AMQP URI: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
        Connection connection = factory.newConnection("eventyard-order-load");
        try {
            Channel channel = connection.createChannel();
            try {
                channel.exchangeDeclarePassive(EXCHANGE);
            } catch (IOException e) {
                throw new IOException("the broker has no exchange " + EXCHANGE + ": are the services up?", e);
            }
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, EXCHANGE, ROUTING_KEY);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    long arrived = System.nanoTime();
                    JsonField.topLevel(new String(body, StandardCharsets.UTF_8), "orderId").ifPresentOrElse(
                            orderId -> tracker.shipped(orderId, arrived),
                            () -> errors.report("order.shipped without an orderId"));
                }
            });
        } catch (IOException | RuntimeException e) {
            connection.abort();
            throw e;
        }
        connection.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                errors.report("AMQP connection " + Incidents.describeShutdown(cause));
            }
        });
        return new ShippedEvents(connection);
    }

    /** Product and version the broker announced, e.g. {@code RabbitMQ 3.10.8}. */
    String server() {
        return server;
    }

    /** Messages waiting in {@code queue}, or -1 when it cannot be asked (no such queue, connection gone). */
    long messagesIn(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (connection.isOpen()) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                connection.abort();
            }
        }
    }
}
