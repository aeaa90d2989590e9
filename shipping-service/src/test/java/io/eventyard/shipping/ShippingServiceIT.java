package io.eventyard.shipping;

import static io.eventyard.shipping.ShopEventsObserver.newMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.rabbitmq.client.Delivery;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.shipping.api.ShipmentView;
import io.eventyard.shipping.events.OrderShipped;
import io.eventyard.shipping.events.ShippingAddress;
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
 * shipping-service as it runs: the bundled broker in-process, H2 in memory (PostgreSQL in
 * {@link ShippingServicePostgresIT}), driven over AMQP with the official Java client and over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippingServiceIT {

    private static final String ORDER_PAID_QUEUE = "order.paid";
    /** No message may arrive for this long before a test concludes that none will. */
    private static final Duration QUIET = Duration.ofMillis(1500);

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
        Path brokerDir = Files.createTempDirectory("shipping-it-broker");
        broker = Broker.start(BrokerConfig.forTests(brokerDir));
        String amqpUri = "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F";
        database = newDatabase();
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("rabbitmq.uri", amqpUri);
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

    private static String orderPaid(String orderId, String country) {
        return """
                {"orderId":"%s","paymentId":"pay-1","amountMinor":4250,"currency":"EUR",
                 "shippingAddress":{"name":"Ada Lovelace","street":"1 Analytical Way","city":"London",
                                    "postalCode":"N1 9GU","country":"%s"},
                 "paidAt":"2025-01-01T10:00:05Z"}
                """.formatted(orderId, country);
    }

    private ShipmentView shipment(String orderId) {
        return http.retrieve(HttpRequest.GET("/shipments/" + orderId), ShipmentView.class);
    }

    private void staysQuiet() throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
    }

    @Test
    void aPaidOrderIsShippedWithTheCarrierOfItsCountryAndATrackingNumber() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.paid", newMessageId(), orderPaid(orderId, "GB"));

        Delivery delivery = shop.awaitEvent("order.shipped", orderId);
        OrderShipped shipped = json.readValue(delivery.getBody(), Argument.of(OrderShipped.class));
        assertThat(shipped.carrier()).isEqualTo("ROYAL_MAIL");
        assertThat(shipped.trackingNumber()).matches("RM\\d{12}");
        assertThat(delivery.getProperties().getMessageId()).isNotBlank();
        assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);

        ShipmentView shipment = shipment(orderId);
        assertThat(shipment.shipmentId()).isEqualTo(shipped.shipmentId());
        assertThat(shipment.trackingNumber()).isEqualTo(shipped.trackingNumber());
        assertThat(shipment.shippingAddress())
                .isEqualTo(new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB"));
    }

    @Test
    void theSameMessageIdTwiceShipsOnce() throws Exception {
        String orderId = newOrderId();
        String messageId = newMessageId();
        shop.publish("order.paid", messageId, orderPaid(orderId, "DE"));
        shop.publish("order.paid", messageId, orderPaid(orderId, "DE"));

        shop.awaitEvent("order.shipped", orderId);
        staysQuiet();
        assertThat(shop.events("order.shipped", orderId)).hasSize(1);
        assertThat(shipment(orderId).carrier()).isEqualTo("DHL");
    }

    @Test
    void theSameOrderPaidUnderAnotherMessageIdIsNotShippedAgain() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.paid", newMessageId(), orderPaid(orderId, "US"));
        shop.awaitEvent("order.shipped", orderId);
        String trackingNumber = shipment(orderId).trackingNumber();

        shop.publish("order.paid", newMessageId(), orderPaid(orderId, "US"));
        staysQuiet();
        assertThat(shop.events("order.shipped", orderId)).hasSize(1);
        assertThat(shipment(orderId).trackingNumber()).isEqualTo(trackingNumber);
    }

    @Test
    void aMessageThatIsNotJsonIsParkedInShopDeadWithTheReasonAndNotRedelivered() throws Exception {
        String messageId = newMessageId();
        shop.publish("order.paid", messageId, "{ truncated");

        Delivery parked = shop.awaitDeadLetter(messageId);
        assertThat(parked.getProperties().getHeaders()).containsKey("x-eventyard-reason");
        staysQuiet();
        assertThat(shop.deadLetters(messageId)).hasSize(1);
        assertThat(shop.readyMessages(ORDER_PAID_QUEUE)).isZero();
    }

    @Test
    void aPaidOrderWithoutAShippingAddressIsParkedInShopDeadAndNotShipped() throws Exception {
        String orderId = newOrderId();
        String messageId = newMessageId();
        shop.publish("order.paid", messageId, """
                {"orderId":"%s","paymentId":"pay-1","amountMinor":4250,"currency":"EUR"}
                """.formatted(orderId));

        Delivery parked = shop.awaitDeadLetter(messageId);
        assertThat(parked.getProperties().getHeaders()).containsKey("x-eventyard-reason");
        staysQuiet();
        assertThat(shop.events("order.shipped", orderId)).isEmpty();
        assertThatThrownBy(() -> shipment(orderId)).isInstanceOf(HttpClientResponseException.class);
    }

    @Test
    void anUnknownOrderIsA404ProblemDocument() {
        HttpClientResponseException e = catchThrowableOfType(
                () -> http.exchange(HttpRequest.GET("/shipments/no-such-order"), String.class),
                HttpClientResponseException.class);
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
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
