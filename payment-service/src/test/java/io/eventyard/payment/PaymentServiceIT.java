package io.eventyard.payment;

import static io.eventyard.payment.ShopEventsObserver.newMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Delivery;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.payment.api.PaymentView;
import io.eventyard.payment.charge.PaymentStatus;
import io.eventyard.payment.events.OrderPaid;
import io.eventyard.payment.events.PaymentFailed;
import io.eventyard.payment.events.PaymentRefunded;
import io.eventyard.payment.events.ShippingAddress;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * payment-service as it runs: the bundled broker in-process, H2 in memory (PostgreSQL in
 * {@link PaymentServicePostgresIT}), driven over AMQP with the official Java client and over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentServiceIT {

    private static final String ORDER_PLACED_QUEUE = "order.placed";
    /** No message may arrive for this long before a test concludes that none will. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    private Path brokerDir;
    private Broker broker;
    private TestDatabase database;
    private EmbeddedServer server;
    private BlockingHttpClient http;
    private JsonMapper json;
    private ShopEventsObserver shop;

    TestDatabase newDatabase() throws Exception {
        return TestDatabase.h2();
    }

    @BeforeAll
    void start() throws Exception {
        brokerDir = Files.createTempDirectory("payment-it-broker");
        broker = Broker.start(BrokerConfig.forTests(brokerDir));
        String amqpUri = "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F";
        database = newDatabase();
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("rabbitmq.uri", amqpUri);
        properties.put("payment.provider.backoff", "5ms");
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        http = HttpClient.create(server.getURL()).toBlocking();
        json = server.getApplicationContext().getBean(JsonMapper.class);
        shop = new ShopEventsObserver(amqpUri);
    }

    @AfterAll
    void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String newOrderId() {
        return "ord-" + UUID.randomUUID();
    }

    private static String orderPlaced(String orderId, String paymentToken) {
        return """
                {"orderId":"%s","customerEmail":"ada@example.org","amountMinor":4250,"currency":"EUR",
                 "paymentToken":"%s",
                 "items":[{"sku":"TEA-01","quantity":2,"unitPriceMinor":2125}],
                 "shippingAddress":{"name":"Ada Lovelace","street":"1 Analytical Way","city":"London",
                                    "postalCode":"N1 9GU","country":"GB"},
                 "placedAt":"2025-01-01T10:00:00Z"}
                """.formatted(orderId, paymentToken);
    }

    private static String orderCancelled(String orderId) {
        return """
                {"orderId":"%s","wasPaid":true,"amountMinor":4250,"currency":"EUR","reason":"customer asked"}
                """.formatted(orderId);
    }

    private <T> T read(Delivery delivery, Class<T> type) throws IOException {
        return json.readValue(delivery.getBody(), Argument.of(type));
    }

    private PaymentView payment(String orderId) {
        return http.retrieve(HttpRequest.GET("/payments/" + orderId), PaymentView.class);
    }

    private void staysQuiet() throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
    }

    @Test
    void approvedCardEmitsOrderPaidWithTheShippingAddressAndRecordsThePayment() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_approve"));

        Delivery delivery = shop.awaitEvent("order.paid", orderId);
        OrderPaid paid = read(delivery, OrderPaid.class);
        assertThat(paid.amountMinor()).isEqualTo(4250);
        assertThat(paid.currency()).isEqualTo("EUR");
        assertThat(paid.shippingAddress())
                .isEqualTo(new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB"));
        assertThat(delivery.getProperties().getMessageId()).isNotBlank();
        assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);

        PaymentView payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(payment.paymentId()).isEqualTo(paid.paymentId());
        assertThat(payment.amountMinor()).isEqualTo(4250);
        assertThat(payment.attempts()).isEqualTo(1);
        assertThat(payment.refunds()).isEmpty();
    }

    @Test
    void declinedCardEmitsPaymentFailedWithTheProvidersReason() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_insufficient_funds"));

        PaymentFailed failed = read(shop.awaitEvent("payment.failed", orderId), PaymentFailed.class);
        assertThat(failed.reason()).isEqualTo("insufficient funds");
        assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(shop.events("order.paid", orderId)).isEmpty();
    }

    @Test
    void transientProviderErrorsAreRetriedThenApproved() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_transient_2"));

        shop.awaitEvent("order.paid", orderId);
        PaymentView payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(payment.attempts()).isEqualTo(3);
    }

    @Test
    void aProviderThatStaysUnavailableFailsThePaymentAfterMaxAttempts() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_transient_always"));

        PaymentFailed failed = read(shop.awaitEvent("payment.failed", orderId), PaymentFailed.class);
        assertThat(failed.reason()).isEqualTo("provider unavailable");
        assertThat(payment(orderId).attempts()).isEqualTo(3);
    }

    @Test
    void theSameMessageIdTwiceChargesOnce() throws Exception {
        String orderId = newOrderId();
        String messageId = newMessageId();
        shop.publish("order.placed", messageId, orderPlaced(orderId, "tok_approve"));
        shop.publish("order.placed", messageId, orderPlaced(orderId, "tok_approve"));

        shop.awaitEvent("order.paid", orderId);
        staysQuiet();
        assertThat(shop.events("order.paid", orderId)).hasSize(1);
        assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void theSameOrderUnderAnotherMessageIdIsNotChargedAgain() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_approve"));
        shop.awaitEvent("order.paid", orderId);
        String paymentId = payment(orderId).paymentId();

        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_decline"));
        staysQuiet();
        assertThat(shop.events("order.paid", orderId)).hasSize(1);
        assertThat(shop.events("payment.failed", orderId)).isEmpty();
        assertThat(payment(orderId).paymentId()).isEqualTo(paymentId);
    }

    @Test
    void aMessageThatIsNotJsonIsParkedInShopDeadWithTheReasonAndNotRedelivered() throws Exception {
        String messageId = newMessageId();
        shop.publish("order.placed", messageId, "this is not json");

        Delivery parked = shop.awaitDeadLetter(messageId);
        assertThat(parked.getProperties().getHeaders()).containsKey("x-eventyard-reason");
        assertThat(parked.getProperties().getHeaders().get("x-eventyard-reason").toString()).isNotBlank();
        staysQuiet();
        assertThat(shop.deadLetters(messageId)).hasSize(1);
        assertThat(shop.readyMessages(ORDER_PLACED_QUEUE)).isZero();
    }

    @Test
    void anOrderFailingValidationIsParkedInShopDeadAndNeverCharged() throws Exception {
        String orderId = newOrderId();
        String messageId = newMessageId();
        shop.publish("order.placed", messageId,
                orderPlaced(orderId, "tok_approve").replace("\"EUR\"", "\"euros\""));

        Delivery parked = shop.awaitDeadLetter(messageId);
        assertThat(parked.getProperties().getHeaders()).containsKey("x-eventyard-reason");
        staysQuiet();
        assertThat(shop.deadLetters(messageId)).hasSize(1);
        assertThat(shop.events("order.paid", orderId)).isEmpty();
        assertThatThrownBy(() -> payment(orderId)).isInstanceOf(HttpClientResponseException.class);
    }

    @Test
    void aCancelledPaidOrderIsRefundedOnceWithPaymentRefunded() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_approve"));
        shop.awaitEvent("order.paid", orderId);

        shop.publish("order.cancelled", newMessageId(), orderCancelled(orderId));
        PaymentRefunded refunded = read(shop.awaitEvent("payment.refunded", orderId), PaymentRefunded.class);
        assertThat(refunded.amountMinor()).isEqualTo(4250);
        assertThat(refunded.currency()).isEqualTo("EUR");
        assertThat(refunded.refundId()).isNotBlank();

        // a second cancellation (another message id) finds the payment refunded already
        shop.publish("order.cancelled", newMessageId(), orderCancelled(orderId));
        staysQuiet();
        assertThat(shop.events("payment.refunded", orderId)).hasSize(1);
        PaymentView payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.refunds()).singleElement()
                .satisfies(r -> assertThat(r.refundId()).isEqualTo(refunded.refundId()));
    }

    @Test
    void anOrderCancelledBeforeItsChargeIsNeverCharged() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.cancelled", newMessageId(), orderCancelled(orderId));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> payment(orderId).status() == PaymentStatus.CANCELLED);

        shop.publish("order.placed", newMessageId(), orderPlaced(orderId, "tok_approve"));
        staysQuiet();
        assertThat(shop.events("order.paid", orderId)).isEmpty();
        assertThat(shop.events("payment.refunded", orderId)).isEmpty();
        assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.CANCELLED);
    }

    @Test
    void anUnknownOrderIsA404ProblemDocument() {
        HttpClientResponseException e = catchThrowableOfType(
                () -> http.exchange(HttpRequest.GET("/payments/no-such-order"), String.class),
                HttpClientResponseException.class);
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(
                body -> assertThat(body).contains("no-such-order"));
    }

    @Test
    void healthIsUpWithBrokerAndDatabaseAndMetricsAreServed() {
        HttpResponse<Map<String, Object>> health =
                http.exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));
        assertThat(health.body()).containsEntry("status", "UP");
        assertThat(health.body().get("details")).asString().contains("rabbitmq").contains("jdbc");
        HttpResponse<Map<String, Object>> readiness =
                http.exchange(HttpRequest.GET("/health/readiness"), Argument.mapOf(String.class, Object.class));
        assertThat(readiness.body()).containsEntry("status", "UP");
        String metrics = http.retrieve(HttpRequest.GET("/prometheus"), String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
