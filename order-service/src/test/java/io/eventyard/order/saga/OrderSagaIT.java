package io.eventyard.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.deadletter.PoisonMessages;
import io.eventyard.messaging.topology.ShopExchanges;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * order-service over a real broker: the bundled one, in-process on a free port, and H2 in memory. Orders
 * go in over HTTP; the test watches {@code shop.events} and {@code email.send} with the official AMQP client
 * and publishes what payment-service and shipping-service would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSagaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @TempDir
    Path brokerDir;

    private Broker broker;
    private EmbeddedServer server;
    private HttpClient httpClient;
    private BlockingHttpClient http;
    private BrokerTap tap;

    @BeforeAll
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(brokerDir));
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "rabbitmq.enabled", "true",
                "rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F",
                "eventyard.outbox.relay-enabled", "true",
                "eventyard.outbox.poll-interval", "100ms",
                "eventyard.publisher.confirm-timeout", "2s"), "test");
        httpClient = HttpClient.create(server.getURL());
        http = httpClient.toBlocking();
        tap = new BrokerTap(broker.amqpPort());
        tap.tap(ShopExchanges.EVENTS, "#");
        tap.consume(ShopQueues.EMAIL_SEND);
        tap.consume(ShopQueues.SHOP_DEAD);
    }

    @AfterAll
    void stop() throws Exception {
        if (tap != null) {
            tap.close();
        }
        if (httpClient != null) {
            httpClient.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesOrderPlacedPersistentWithItsMessageIdAndTraceContext() {
        String id = placeOrder();

        BrokerTap.Seen placed = awaitOne(seen -> seen.routingKey().equals("order.placed") && seen.body().contains(id));

        assertThat(placed.messageId()).isEqualTo(id + ":order.placed");
        assertThat(placed.deliveryMode()).isEqualTo(2);
        assertThat(placed.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(placed.body()).contains("\"amountMinor\":4148", "\"currency\":\"EUR\"",
                "\"paymentToken\":\"tok_approve\"", "\"sku\":\"BOOK-1\"");
        await().atMost(PATIENCE).until(() -> !emailsOf(id).isEmpty());
        assertThat(emailsOf(id)).containsExactly("order-confirmation");
    }

    @Test
    void paidThenShippedMovesTheOrderAndMailsOncePerStep() throws Exception {
        String id = placeOrder();
        String paidId = UUID.randomUUID().toString();

        publish("order.paid", paidId, paid(id, "pay-1"));
        awaitStatus(id, "PAID");
        // The same message id again, even with another payload, has no effect.
        publish("order.paid", paidId, paid(id, "pay-2"));
        publish("order.shipped", UUID.randomUUID().toString(), shipped(id));
        awaitStatus(id, "SHIPPED");

        Map<String, Object> order = order(id);
        assertThat(events(order)).containsExactly("order.placed", "order.paid", "order.shipped");
        assertThat(notes(order)).noneMatch(note -> note.contains("pay-2"));
        await().atMost(PATIENCE).until(() -> emailsOf(id).size() == 3);
        assertThat(emailsOf(id)).containsExactly("order-confirmation", "payment-receipt", "shipment-notice");
        assertThat(tap.seen(seen -> seen.queue().equals(ShopQueues.EMAIL_SEND) && seen.body().contains(id)))
                .extracting(BrokerTap.Seen::messageId)
                .containsExactly(id + ":order-confirmation", id + ":payment-receipt", id + ":shipment-notice");
    }

    @Test
    void aShipmentThatOvertakesItsPaymentStillEndsShipped() throws Exception {
        String id = placeOrder();

        publish("order.shipped", UUID.randomUUID().toString(), shipped(id));
        awaitStatus(id, "SHIPPED");
        publish("order.paid", UUID.randomUUID().toString(), paid(id, "pay-late"));
        await().atMost(PATIENCE).until(() -> events(order(id)).contains("order.paid"));

        assertThat(order(id)).containsEntry("status", "SHIPPED");
        await().atMost(PATIENCE).until(() -> emailsOf(id).size() == 3);
    }

    @Test
    void aFailedPaymentEndsTheOrderAndMailsTheCustomer() throws Exception {
        String id = placeOrder();

        publish("payment.failed", UUID.randomUUID().toString(),
                "{\"orderId\":\"%s\",\"reason\":\"card declined\",\"failedAt\":\"%s\"}".formatted(id, Instant.now()));

        awaitStatus(id, "PAYMENT_FAILED");
        await().atMost(PATIENCE).until(() -> emailsOf(id).contains("payment-failed"));
    }

    @Test
    void cancellingAPaidOrderAsksForARefundAndRecordsIt() throws Exception {
        String id = placeOrder();
        publish("order.paid", UUID.randomUUID().toString(), paid(id, "pay-9"));
        awaitStatus(id, "PAID");

        http.exchange(HttpRequest.POST("/orders/" + id + "/cancel", "{\"reason\":\"too slow\"}")
                .contentType(MediaType.APPLICATION_JSON), JSON);

        BrokerTap.Seen cancelled =
                awaitOne(seen -> seen.routingKey().equals("order.cancelled") && seen.body().contains(id));
        assertThat(cancelled.body()).contains("\"wasPaid\":true", "\"amountMinor\":4148", "\"reason\":\"too slow\"");
        publish("payment.refunded", UUID.randomUUID().toString(),
                "{\"orderId\":\"%s\",\"refundId\":\"ref-1\",\"amountMinor\":4148,\"currency\":\"EUR\"}".formatted(id));
        await().atMost(PATIENCE).until(() -> events(order(id)).contains("payment.refunded"));
        assertThat(order(id)).containsEntry("status", "CANCELLED");
    }

    @Test
    void parksAMessageWithAnUnknownRoutingKeyAndOneThatIsNotJson() throws Exception {
        String unknownId = UUID.randomUUID().toString();
        String garbageId = UUID.randomUUID().toString();

        // Straight into the saga's queue through the default exchange: its routing key is the queue name.
        tap.publish("", ShopQueues.ORDER_SAGA, unknownId, "{}");
        publish("order.paid", garbageId, "this is not json");

        BrokerTap.Seen unknown = awaitOne(seen -> seen.queue().equals(ShopQueues.SHOP_DEAD)
                && unknownId.equals(seen.messageId()));
        BrokerTap.Seen garbage = awaitOne(seen -> seen.queue().equals(ShopQueues.SHOP_DEAD)
                && garbageId.equals(seen.messageId()));
        assertThat(unknown.header(PoisonMessages.REASON_HEADER)).contains("routing key");
        assertThat(garbage.header(PoisonMessages.REASON_HEADER)).isNotBlank();
    }

    private String placeOrder() {
        String json = """
                {"customerEmail":"grace@example.com","currency":"EUR",
                 "items":[{"sku":"BOOK-1","quantity":2,"unitPrice":19.99},{"sku":"PEN-7","quantity":1,"unitPrice":1.50}],
                 "shippingAddress":{"name":"Grace Hopper","street":"1 Compiler Rd","postalCode":"22202",
                                    "city":"Arlington","country":"US"}}
                """;
        Map<String, Object> order = http.retrieve(HttpRequest.POST("/orders", json)
                .contentType(MediaType.APPLICATION_JSON), JSON);
        return (String) order.get("id");
    }

    private void publish(String routingKey, String messageId, String json) throws Exception {
        tap.publish(ShopExchanges.EVENTS, routingKey, messageId, json);
    }

    private static String paid(String orderId, String paymentId) {
        return "{\"orderId\":\"%s\",\"paymentId\":\"%s\",\"amountMinor\":4148,\"currency\":\"EUR\",\"paidAt\":\"%s\"}"
                .formatted(orderId, paymentId, Instant.now());
    }

    private static String shipped(String orderId) {
        return ("{\"orderId\":\"%s\",\"shipmentId\":\"shp-1\",\"carrier\":\"DHL\",\"trackingNumber\":\"TRK-1\","
                + "\"shippedAt\":\"%s\"}").formatted(orderId, Instant.now());
    }

    private Map<String, Object> order(String id) {
        return http.retrieve(HttpRequest.GET("/orders/" + id), JSON);
    }

    private void awaitStatus(String id, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(order(id).get("status")));
    }

    private BrokerTap.Seen awaitOne(java.util.function.Predicate<BrokerTap.Seen> filter) {
        await().atMost(PATIENCE).until(() -> !tap.seen(filter).isEmpty());
        List<BrokerTap.Seen> matches = tap.seen(filter);
        assertThat(matches).hasSize(1);
        return matches.get(0);
    }

    private List<String> emailsOf(String orderId) {
        return tap.seen(seen -> seen.queue().equals(ShopQueues.EMAIL_SEND) && seen.body().contains(orderId)).stream()
                .map(seen -> seen.messageId().substring(orderId.length() + 1))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(e -> (String) e.get("event")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(e -> (String) e.get("note")).toList();
    }
}
