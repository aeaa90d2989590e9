package io.eventyard.order.saga;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The test's own view of the broker, through the official Java client: it publishes like payment-service
 * and shipping-service would, and records what arrives on the queues it taps.
 */
final class BrokerTap implements AutoCloseable {

    /** A message as the tap saw it. */
    record Seen(String queue, String routingKey, String messageId, int deliveryMode, Map<String, Object> headers,
                String body) {

        String header(String name) {
            Object value = headers == null ? null : headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    BrokerTap(int amqpPort) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F");
        connection = factory.newConnection("order-service-test-tap");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** A server-named queue bound to {@code exchange} with {@code bindingKey}, recorded from now on. */
    void tap(String exchange, String bindingKey) throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, bindingKey);
        consume(queue);
    }

    /** Consumes an existing queue (taking its messages away from anyone else). */
    void consume(String queue) throws IOException {
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                seen.add(new Seen(queue, envelope.getRoutingKey(), properties.getMessageId(),
                        properties.getDeliveryMode() == null ? 1 : properties.getDeliveryMode(),
                        properties.getHeaders(), new String(body, StandardCharsets.UTF_8)));
            }
        });
    }

    /** Publishes persistent JSON with a message id and waits for the broker's confirm. */
    void publish(String exchange, String routingKey, String messageId, String json) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId).deliveryMode(2).contentType("application/json").build();
        channel.basicPublish(exchange, routingKey, properties, json.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }

    List<Seen> seen(Predicate<Seen> filter) {
        return seen.stream().filter(filter).toList();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
