package io.eventyard.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the services rely on from micronaut-rabbitmq, checked against one broker: publisher confirms, a
 * message id, manual acknowledgement. Subclasses say which broker.
 *
 * <p>Each check starts its own Micronaut context (no HTTP server) on its own uniquely named topology, and
 * closes the context before looking at the queue: once the consumer's channels are closed, any message
 * that was delivered but not acked would be back in the queue, so an empty queue proves every ack arrived.
 * A plain amqp-client connection, apart from Micronaut, looks at the queue and deletes the topology.
 */
abstract class MessagingStackContract {

    private static final int MESSAGES = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private ProbeTopology topology;

    /** Where the broker under test listens, as {@code amqp://user:pass@host:port} (virtual host {@code /}). */
    protected abstract String amqpUri();

    @BeforeEach
    void pickUniqueTopology() {
        topology = ProbeTopology.unique();
    }

    @AfterEach
    void deleteTopology() throws Exception {
        try (Connection connection = openAdminConnection()) {
            topology.delete(connection.createChannel());
        }
    }

    @Test
    void publishesWithConfirmsAndConsumesEachMessageOnceWithManualAck() throws Exception {
        List<String> messageIds = IntStream.range(0, MESSAGES).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ProbeDeliveries received;
        try (ApplicationContext context = startContext()) {
            ProbeClient client = context.getBean(ProbeClient.class);
            received = context.getBean(ProbeDeliveries.class);

            List<CompletableFuture<Void>> confirms = IntStream.range(0, MESSAGES)
                    .mapToObj(i -> client.publish(topology.routingKey(), messageIds.get(i),
                            new ProbeMessage(messageIds.get(i), i)))
                    .toList();

            assertThat(CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)))
                    .as("every publish is confirmed by the broker")
                    .succeedsWithin(PATIENCE);
            await().atMost(PATIENCE).until(() -> received.all().size() >= MESSAGES);
        }
        List<ProbeDeliveries.Delivery> deliveries = received.all();

        assertThat(deliveries).extracting(ProbeDeliveries.Delivery::messageId)
                .as("each message arrives exactly once, with its message id")
                .containsExactlyInAnyOrderElementsOf(messageIds);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.redelivered()).isFalse();
            assertThat(delivery.message().orderId()).isEqualTo(delivery.messageId());
        });
        try (Connection connection = openAdminConnection()) {
            Channel channel = connection.createChannel();
            await().atMost(PATIENCE)
                    .until(() -> channel.queueDeclarePassive(topology.queue()).getConsumerCount() == 0);
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive(topology.queue());
            assertThat(queue.getMessageCount())
                    .as("nothing left ready or unacked once the consumer's channel is gone")
                    .isZero();
        }
    }

    @Test
    void failsThePublishThatTheBrokerDoesNotConfirm() {
        try (ApplicationContext context = startContext()) {
            MissingExchangeProbeClient client = context.getBean(MissingExchangeProbeClient.class);

            CompletableFuture<Void> confirm = client.publish(topology.routingKey(), UUID.randomUUID().toString(),
                    new ProbeMessage("lost", 0));

            assertThat(confirm)
                    .as("a publish to a missing exchange closes the channel, so no confirm ever comes")
                    .failsWithin(PATIENCE)
                    .withThrowableOfType(ExecutionException.class);
        }
    }

    private ApplicationContext startContext() {
        Map<String, Object> properties = new HashMap<>(topology.asProperties());
        properties.put("rabbitmq.enabled", "true");
        properties.put("rabbitmq.uri", amqpUri());
        // Bounds how long the unconfirmed publish waits; a confirm on loopback takes milliseconds.
        properties.put("rabbitmq.confirm-timeout", "3s");
        return ApplicationContext.builder()
                .environments("test")
                .properties(properties)
                .start();
    }

    private Connection openAdminConnection() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri());
        return factory.newConnection("eventyard-order-service-it-admin");
    }
}
