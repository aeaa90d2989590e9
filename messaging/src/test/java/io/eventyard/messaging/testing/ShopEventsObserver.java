package io.eventyard.messaging.testing;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The test's own AMQP client (the official Java client): publishes as another service would, and records
 * everything that passes {@code shop.events} (a queue bound with {@code #}), {@code shop.dead} and the
 * {@code email.send} commands on {@code email}.
 */
public final class ShopEventsObserver implements AutoCloseable {

    public static final String EVENTS = "shop.events";
    public static final String DEAD = "shop.dead";
    public static final String EMAIL = "email";

    private final Connection connection;
    private final Channel channel;
    private final List<Delivery> events = new CopyOnWriteArrayList<>();
    private final List<Delivery> dead = new CopyOnWriteArrayList<>();
    private final List<Delivery> emailCommands = new CopyOnWriteArrayList<>();

    /** Waits until the service has declared the shop's exchanges, then starts recording. */
    public ShopEventsObserver(String amqpUri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        connection = factory.newConnection("test-observer");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (Channel probe = connection.createChannel()) {
                probe.exchangeDeclarePassive(EVENTS);
                probe.exchangeDeclarePassive(DEAD);
                probe.exchangeDeclarePassive(EMAIL);
            }
            return true;
        });
        channel = connection.createChannel();
        record(EVENTS, "#", events);
        record(DEAD, "", dead);
        record(EMAIL, "email.send", emailCommands);
    }

    private void record(String exchange, String bindingKey, List<Delivery> into) throws IOException {
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, bindingKey);
        channel.basicConsume(queue, true, (tag, delivery) -> into.add(delivery), tag -> { });
    }

    /** Publishes persistent JSON with the given message id, as the shop's producers do. */
    public void publish(String routingKey, String messageId, String body) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .deliveryMode(2)
                .contentType("application/json")
                .build();
        channel.basicPublish(EVENTS, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    /** The events with this routing key whose body mentions the order id, so far. */
    public List<Delivery> events(String routingKey, String orderId) {
        return events.stream()
                .filter(d -> d.getEnvelope().getRoutingKey().equals(routingKey))
                .filter(mentions(orderId))
                .toList();
    }

    public Delivery awaitEvent(String routingKey, String orderId) {
        return awaitFirst(() -> events(routingKey, orderId));
    }

    /** The messages parked in {@code shop.dead} with this message id, so far. */
    public List<Delivery> deadLetters(String messageId) {
        return withMessageId(dead, messageId);
    }

    public Delivery awaitDeadLetter(String messageId) {
        return awaitFirst(() -> deadLetters(messageId));
    }

    /** The {@code email.send} command with this message id, once it has been published. */
    public Delivery awaitEmailCommand(String messageId) {
        return awaitFirst(() -> withMessageId(emailCommands, messageId));
    }

    private static List<Delivery> withMessageId(List<Delivery> deliveries, String messageId) {
        return deliveries.stream().filter(d -> messageId.equals(d.getProperties().getMessageId())).toList();
    }

    /** The first of what {@code found} lists, once it lists anything (20 seconds at most). */
    private static Delivery awaitFirst(Callable<List<Delivery>> found) {
        return await().atMost(Duration.ofSeconds(20)).until(found, list -> !list.isEmpty()).get(0);
    }

    /** Ready messages in a queue (not counting those delivered and unacknowledged). */
    public long readyMessages(String queue) throws Exception {
        try (Channel probe = connection.createChannel()) {
            return probe.queueDeclarePassive(queue).getMessageCount();
        }
    }

    public static String body(Delivery delivery) {
        return new String(delivery.getBody(), StandardCharsets.UTF_8);
    }

    private static Predicate<Delivery> mentions(String orderId) {
        return d -> body(d).contains("\"" + orderId + "\"");
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
