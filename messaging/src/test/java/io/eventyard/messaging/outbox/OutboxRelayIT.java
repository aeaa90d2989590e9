package io.eventyard.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.KitContext;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopExchanges;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and its relay against the bundled broker: what is committed is published, in order, once confirmed. */
class OutboxRelayIT {

    @Serdeable
    record Step(String orderId, int seq) {
    }

    @TempDir
    Path dataDir;

    private Broker broker;
    private ApplicationContext context;
    private Connection observer;
    private final List<Delivery> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        context = KitContext.start(broker.amqpPort(), Map.of());
        observeShopEvents();
    }

    @AfterEach
    void stop() throws Exception {
        if (observer != null && observer.isOpen()) {
            observer.abort();
        }
        if (context != null) {
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesCommittedMessagesInOrderPerOrderWithIdsAndTraceContext() {
        OpenTelemetry otel = context.getBean(OpenTelemetry.class);
        Span request = otel.getTracer("test").spanBuilder("POST /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            inTransaction(outbox -> {
                for (int seq = 0; seq < 5; seq++) {
                    outbox.add(OutgoingMessage.event(RoutingKeys.ORDER_PLACED, "order-a", new Step("order-a", seq)));
                    outbox.add(OutgoingMessage.event(RoutingKeys.ORDER_PLACED, "order-b", new Step("order-b", seq)));
                }
            });
        } finally {
            request.end();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 10);
        assertThat(bodiesOf("order-a")).containsExactly(
                "{\"orderId\":\"order-a\",\"seq\":0}", "{\"orderId\":\"order-a\",\"seq\":1}",
                "{\"orderId\":\"order-a\",\"seq\":2}", "{\"orderId\":\"order-a\",\"seq\":3}",
                "{\"orderId\":\"order-a\",\"seq\":4}");
        assertThat(bodiesOf("order-b")).hasSize(5);
        assertThat(seen).allSatisfy(delivery -> {
            assertThat(delivery.getProperties().getMessageId()).isNotBlank();
            assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);
            assertThat(delivery.getProperties().getContentType()).isEqualTo("application/json");
            assertThat(String.valueOf(delivery.getProperties().getHeaders().get("traceparent")))
                    .startsWith("00-" + request.getSpanContext().getTraceId());
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> context.getBean(OutboxRepository.class).countByPublishedAtIsNull() == 0);
    }

    @Test
    void nothingLeavesWhenTheTransactionRollsBack() throws Exception {
        try {
            inTransaction(outbox -> {
                outbox.add(OutgoingMessage.event(RoutingKeys.ORDER_PLACED, "order-r", new Step("order-r", 0)));
                throw new IllegalStateException("business rule failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        inTransaction(outbox -> outbox.add(
                OutgoingMessage.event(RoutingKeys.ORDER_PLACED, "order-s", new Step("order-s", 0))));

        await().atMost(Duration.ofSeconds(10)).until(() -> bodiesOf("order-s").size() == 1);
        assertThat(bodiesOf("order-r")).isEmpty();
    }

    @Test
    void keepsTheMessageThroughABrokerOutageAndPublishesItOnceTheBrokerIsBack() throws Exception {
        int port = broker.amqpPort();
        observer.abort();
        broker.close();

        inTransaction(outbox -> outbox.add(
                OutgoingMessage.event(RoutingKeys.ORDER_PLACED, "order-o", new Step("order-o", 7))));
        Thread.sleep(600); // several failed attempts while the broker is away
        assertThat(context.getBean(OutboxRepository.class).countByPublishedAtIsNull()).isEqualTo(1);

        broker = Broker.start(BrokerConfig.forTests(dataDir).withAmqpPort(port));
        observeShopEvents();

        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesOf("order-o").size() == 1);
        assertThat(context.getBean(OutboxRepository.class).countByPublishedAtIsNull()).isZero();
    }

    private void inTransaction(java.util.function.Consumer<Outbox> work) {
        @SuppressWarnings("unchecked")
        TransactionOperations<java.sql.Connection> tx = context.getBean(TransactionOperations.class);
        Outbox outbox = context.getBean(Outbox.class);
        tx.executeWrite(status -> {
            work.accept(outbox);
            return null;
        });
    }

    private List<String> bodiesOf(String orderId) {
        return seen.stream().map(d -> new String(d.getBody(), StandardCharsets.UTF_8))
                .filter(body -> body.contains("\"" + orderId + "\"")).toList();
    }

    private void observeShopEvents() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        observer = factory.newConnection("observer");
        Channel channel = observer.createChannel();
        channel.exchangeDeclare(ShopExchanges.EVENTS, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, ShopExchanges.EVENTS, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> seen.add(delivery), tag -> { });
    }
}
