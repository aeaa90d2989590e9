package io.eventyard.order.contract;

import static io.eventyard.messaging.testing.ContractChecks.CONTRACT;
import static io.eventyard.messaging.testing.ContractChecks.EXAMPLE_ORDER_ID;
import static io.eventyard.messaging.testing.ContractChecks.asDelivery;
import static io.eventyard.messaging.testing.ContractChecks.assertSentAsContracted;
import static io.eventyard.messaging.testing.ContractChecks.exampleFor;
import static io.eventyard.messaging.testing.ShopEventsObserver.newMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventyard.contracts.MessageContract;
import io.eventyard.messaging.inbound.MessageReader;
import io.eventyard.messaging.inbound.PoisonMessageException;
import io.eventyard.messaging.testing.ServiceUnderTest;
import io.eventyard.messaging.testing.ShopEventsObserver;
import io.eventyard.messaging.testing.TestDatabase;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.order.api.OrdersApi;
import io.eventyard.order.saga.OrderPaid;
import io.eventyard.order.saga.OrderShipped;
import io.eventyard.order.saga.PaymentFailed;
import io.eventyard.order.saga.PaymentRefunded;
import io.micronaut.http.client.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * order-service against contracts/asyncapi.yaml (bundled broker, H2). Orders are placed and cancelled over HTTP
 * and what the outbox relay publishes (order.placed, order.cancelled, every e-mail command) must be what the
 * contract lets order-service send; the contract's examples of the saga's four events go in through its listener,
 * and its reader must read them into the values they say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderContractTest {

    private ServiceUnderTest service;
    private HttpClient http;
    private OrdersApi orders;
    private ShopEventsObserver shop;
    private MessageReader reader;

    @BeforeAll
    void start() throws Exception {
        service = ServiceUnderTest.start(TestDatabase.h2("order-contract"), Map.of(
                "rabbitmq.enabled", "true",
                "eventyard.outbox.relay-enabled", "true",
                "eventyard.outbox.poll-interval", "100ms"));
        http = HttpClient.create(service.server().getURL());
        orders = new OrdersApi(http.toBlocking());
        shop = service.shop();
        reader = service.server().getApplicationContext().getBean(MessageReader.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void placingAnOrderPublishesAnOrderPlacedAndAConfirmationItMaySend() {
        String id = orders.placeValid();

        assertSentAsContracted("orderPlaced", shop.awaitEvent("order.placed", id));
        assertSentAsContracted("emailSend", shop.awaitEmailCommand(id + ":order-confirmation"));
    }

    @Test
    void cancellingPublishesAnOrderCancelledItMaySend() {
        String id = orders.placeValid();
        assertThat(orders.cancel(id).code()).isEqualTo(200);

        assertSentAsContracted("orderCancelled", shop.awaitEvent("order.cancelled", id));
    }

    @Test
    void theSagaTakesThePaidAndShippedExamplesAndAsksForMailsItMaySend() throws Exception {
        String id = orders.placeValid();
        shop.publish("order.paid", newMessageId(), exampleFor("orderPaid", "paid", id));
        assertSentAsContracted("emailSend", shop.awaitEmailCommand(id + ":payment-receipt"));

        shop.publish("order.shipped", newMessageId(), exampleFor("orderShipped", "shipped", id));
        assertSentAsContracted("emailSend", shop.awaitEmailCommand(id + ":shipment-notice"));
        awaitStatus(id, "SHIPPED");
    }

    @Test
    void theSagaTakesThePaymentFailedExampleAndAsksForAMailItMaySend() throws Exception {
        String id = orders.placeValid();
        shop.publish("payment.failed", newMessageId(), exampleFor("paymentFailed", "declined", id));

        assertSentAsContracted("emailSend", shop.awaitEmailCommand(id + ":payment-failed"));
        awaitStatus(id, "PAYMENT_FAILED");
    }

    @Test
    void readsTheSagaExamplesAsItsListenerDoes() throws Exception {
        assertThat(read("orderPaid", "paid", OrderPaid.class)).isEqualTo(new OrderPaid(EXAMPLE_ORDER_ID, "pay-7c1d2e",
                4148, "EUR", Instant.parse("2026-11-22T08:00:01.250Z")));
        assertThat(read("paymentFailed", "declined", PaymentFailed.class)).isEqualTo(new PaymentFailed(EXAMPLE_ORDER_ID,
                "insufficient funds", Instant.parse("2026-11-22T08:00:01Z")));
        assertThat(read("orderShipped", "shipped", OrderShipped.class)).isEqualTo(new OrderShipped(EXAMPLE_ORDER_ID,
                "shp-0b9e44", "DHL", "DHL000000000042", Instant.parse("2026-11-22T09:30:00Z")));
        assertThat(read("paymentRefunded", "refunded", PaymentRefunded.class)).isEqualTo(new PaymentRefunded(
                EXAMPLE_ORDER_ID, "ref-51aa09", 4148, "EUR"));
    }

    @Test
    void aPaymentFailedWithoutAReasonIsRefusedByTheContractAndByTheReader() {
        MessageContract failed = CONTRACT.messageOf("paymentFailed");
        String withoutReason = failed.example("declined").payload().replace("\"reason\":\"insufficient funds\",", "");

        assertThat(failed.violationsAsReceived(withoutReason)).isNotEmpty();
        assertThatThrownBy(() -> reader.read(asDelivery(ShopQueues.ORDER_SAGA, "payment.failed", withoutReason,
                Map.of()), PaymentFailed.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("reason");
    }

    private <T> T read(String channel, String example, Class<T> type) throws PoisonMessageException {
        String routingKey = CONTRACT.document().path("channels").path(channel).path("address").asText();
        return reader.read(asDelivery(ShopQueues.ORDER_SAGA, routingKey, CONTRACT.messageOf(channel).example(example)),
                type);
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status.equals(orders.get(id).body().get("status")));
    }
}
