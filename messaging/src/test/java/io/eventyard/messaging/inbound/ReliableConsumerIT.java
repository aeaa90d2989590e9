package io.eventyard.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.KitContext;
import io.eventyard.messaging.deadletter.PoisonMessages;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopExchanges;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consuming template against the bundled broker: one effect per message id, poison parked with its
 * reason, a failing effect retried once and then parked; in every case the queue ends up empty.
 */
class ReliableConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private Broker broker;
    private ApplicationContext context;
    private Connection client;
    private Channel channel;

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        context = KitContext.start(broker.amqpPort(), Map.of("kit-test.listener", "true"));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        client = factory.newConnection("test-client");
        channel = client.createChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (context != null) {
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void appliesTheEffectOnceAndAcks() throws Exception {
        publish("m-1", "{\"orderId\":\"o-1\",\"amount\":100,\"fail\":false}");

        await().atMost(PATIENCE).until(() -> effects("o-1") == 1);
        awaitQueueEmpty();
    }

    @Test
    void aSecondDeliveryOfTheSameMessageIdHasNoEffect() throws Exception {
        publish("m-dup", "{\"orderId\":\"o-dup\",\"amount\":100,\"fail\":false}");
        publish("m-dup", "{\"orderId\":\"o-dup\",\"amount\":100,\"fail\":false}");
        publish("m-other", "{\"orderId\":\"o-dup\",\"amount\":100,\"fail\":false}");

        await().atMost(PATIENCE).until(() -> effects("o-dup") == 2);
        await().atMost(PATIENCE).until(() -> channel.queueDeclarePassive(ShopQueues.ORDER_PLACED).getMessageCount() == 0);
        Thread.sleep(300); // a third effect, if there were one, would be written by now
        assertThat(effects("o-dup")).as("m-dup once, m-other once").isEqualTo(2);
        awaitQueueEmpty();
    }

    @Test
    void parksAMessageThatIsNotJsonWithTheReason() throws Exception {
        publish("m-garbage", "this is not json");

        GetResponse parked = awaitParked();
        assertThat(parked.getProps().getMessageId()).isEqualTo("m-garbage");
        assertThat(reason(parked)).startsWith("not a valid TestOrder JSON document");
        assertThat(parked.getProps().getHeaders().get(PoisonMessages.QUEUE_HEADER).toString())
                .isEqualTo(ShopQueues.ORDER_PLACED);
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        awaitQueueEmpty();
    }

    @Test
    void parksAnInvalidMessageNamingTheField() throws Exception {
        publish("m-invalid", "{\"orderId\":\"o-invalid\",\"amount\":-5,\"fail\":false}");

        assertThat(reason(awaitParked())).isEqualTo("invalid TestOrder: amount must be greater than or equal to 0");
        assertThat(effects("o-invalid")).isZero();
        awaitQueueEmpty();
    }

    @Test
    void parksAMessageWithoutAMessageId() throws Exception {
        publish(null, "{\"orderId\":\"o-anon\",\"amount\":1,\"fail\":false}");

        assertThat(reason(awaitParked())).isEqualTo("no message id");
        awaitQueueEmpty();
    }

    @Test
    void retriesAFailingEffectOnceThenParksItAndKeepsNoHalfEffect() throws Exception {
        publish("m-fail", "{\"orderId\":\"o-fail\",\"amount\":1,\"fail\":true}");

        GetResponse parked = awaitParked();
        assertThat(reason(parked)).startsWith("failed twice: java.lang.IllegalStateException: the effect failed for o-fail");
        assertThat(effects("o-fail")).as("both attempts rolled back").isZero();
        awaitQueueEmpty();
    }

    private void publish(String messageId, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId).deliveryMode(2).contentType("application/json").build();
        channel.basicPublish(ShopExchanges.EVENTS, RoutingKeys.ORDER_PLACED, properties,
                body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }

    private GetResponse awaitParked() {
        GetResponse[] parked = new GetResponse[1];
        await().atMost(PATIENCE).until(() -> (parked[0] = channel.basicGet(ShopQueues.SHOP_DEAD, true)) != null);
        return parked[0];
    }

    private static String reason(GetResponse parked) {
        return parked.getProps().getHeaders().get(PoisonMessages.REASON_HEADER).toString();
    }

    /**
     * Waits until nothing is ready, then closes the consumer's context: a delivery that was never acked
     * would now be back in the queue, so an empty queue afterwards proves every delivery was acked.
     */
    private void awaitQueueEmpty() throws Exception {
        await().atMost(PATIENCE).until(() -> channel.queueDeclarePassive(ShopQueues.ORDER_PLACED).getMessageCount() == 0);
        context.close();
        context = null;
        assertThat(channel.queueDeclarePassive(ShopQueues.ORDER_PLACED).getMessageCount())
                .as("nothing unacked left behind").isZero();
    }

    private int effects(String orderId) {
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<java.sql.Connection> tx = context.getBean(TransactionOperations.class);
        return tx.executeRead(status ->
                jdbc.prepareStatement("SELECT COUNT(*) FROM test_effect WHERE order_id = ?", statement -> {
                    statement.setString(1, orderId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }));
    }
}
