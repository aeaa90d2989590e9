package io.eventyard.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.testing.RabbitMqVirtualHost;
import io.micronaut.core.convert.ConversionService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop topology declared as quorum queues ({@code eventyard.topology.queue-type=quorum}), the setting for a
 * RabbitMQ cluster: on the RabbitMQ of {@code AMQP_COMPAT_URI} the queues really are quorum queues and the e-mail
 * retry cycle (reject, TTL in {@code email.retry}, back into {@code email.send} with {@code x-death}) still works;
 * the bundled broker accepts the same declarations, so one setting serves both.
 */
class QuorumTopologyIT {

    @TempDir
    Path dataDir;

    @Test
    void theSettingIsReadFromItsLowerCaseSpelling() {
        // EVENTYARD_TOPOLOGY_QUEUE_TYPE=quorum arrives as a string; Micronaut's conversion makes the enum.
        assertThat(ConversionService.SHARED.convert("quorum", QueueType.class)).contains(QueueType.QUORUM);
    }

    @Test
    void onRabbitMqTheShopQueuesAreQuorumQueuesAndEmailRetriesStillCycle() throws Exception {
        String compatUri = System.getenv("AMQP_COMPAT_URI");
        assumeTrue(compatUri != null && !compatUri.isBlank(), "AMQP_COMPAT_URI is not set");
        try (RabbitMqVirtualHost vhost = new RabbitMqVirtualHost(compatUri);
                Connection connection = connect(vhost.amqpUri())) {
            declareQuorumTopology(connection);

            // A queue of another type under the same name is refused: these are quorum queues, not classic ones.
            Map<String, Object> classic = new HashMap<>(
                    QueueType.QUORUM.arguments(Map.of("x-dead-letter-exchange", ShopExchanges.DEAD)));
            classic.put("x-queue-type", "classic");
            Channel probe = connection.createChannel();
            assertThatThrownBy(() -> probe.queueDeclare(ShopQueues.ORDER_PLACED, true, false, false, classic))
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("PRECONDITION_FAILED")
                    .hasStackTraceContaining("x-queue-type");

            assertEmailRetryCycles(connection);
        }
    }

    @Test
    void theBundledBrokerAcceptsTheQuorumDeclarations() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.forTests(dataDir));
                Connection connection = connect("amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F")) {
            declareQuorumTopology(connection);
            assertEmailRetryCycles(connection);
        }
    }

    private static void declareQuorumTopology(Connection connection) throws IOException {
        TopologySettings settings = new TopologySettings();
        settings.setQueueType(QueueType.QUORUM);
        settings.setEmailRetryTtl(Duration.ofMillis(200));
        ShopTopology topology = new ShopTopology(settings);
        try (Channel channel = connection.createChannel()) {
            topology.initialize(channel, "quorum-test");
            // Declaring again with the same arguments is what every other service does at its start.
            topology.initialize(channel, "quorum-test");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    private static void assertEmailRetryCycles(Connection connection) throws Exception {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        String messageId = "quorum-" + UUID.randomUUID();
        channel.basicPublish(ShopExchanges.EMAIL, RoutingKeys.EMAIL_SEND,
                new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build(),
                "{}".getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);

        GetResponse first = await().atMost(Duration.ofSeconds(10))
                .until(() -> channel.basicGet(ShopQueues.EMAIL_SEND, false), response -> response != null);
        assertThat(first.getProps().getMessageId()).isEqualTo(messageId);
        channel.basicReject(first.getEnvelope().getDeliveryTag(), false);

        GetResponse back = await().atMost(Duration.ofSeconds(10))
                .until(() -> channel.basicGet(ShopQueues.EMAIL_SEND, false), response -> response != null);
        assertThat(back.getProps().getMessageId()).isEqualTo(messageId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) back.getProps().getHeaders().get("x-death");
        assertThat(deaths).anySatisfy(death -> {
            assertThat(death.get("queue")).hasToString(ShopQueues.EMAIL_RETRY);
            assertThat(death.get("reason")).hasToString("expired");
        });
        channel.basicAck(back.getEnvelope().getDeliveryTag(), false);
    }

    private static Connection connect(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory.newConnection("quorum-topology-test");
    }
}
