package io.eventyard.payment.contract;

import static io.eventyard.messaging.testing.ContractChecks.CONTRACT;
import static io.eventyard.messaging.testing.ContractChecks.EXAMPLE_ORDER_ID;
import static io.eventyard.messaging.testing.ContractChecks.asDelivery;
import static io.eventyard.messaging.testing.ContractChecks.assertSentAsContracted;
import static io.eventyard.messaging.testing.ContractChecks.exampleFor;
import static io.eventyard.messaging.testing.ShopEventsObserver.newMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventyard.contracts.MessageContract;
import io.eventyard.messaging.inbound.MessageReader;
import io.eventyard.messaging.inbound.PoisonMessageException;
import io.eventyard.messaging.testing.ServiceUnderTest;
import io.eventyard.messaging.testing.ShopEventsObserver;
import io.eventyard.messaging.testing.TestDatabase;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.payment.events.OrderCancelled;
import io.eventyard.payment.events.OrderPlaced;
import io.eventyard.payment.events.ShippingAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * payment-service against contracts/asyncapi.yaml. It receives the contract's examples of order.placed and
 * order.cancelled through its own listeners (bundled broker, H2), and what it publishes in answer must be what
 * the contract lets it send; its reader must read the examples into the values they say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentContractTest {

    private final MessageContract orderPlaced = CONTRACT.messageOf("orderPlaced");
    private final MessageContract orderCancelled = CONTRACT.messageOf("orderCancelled");
    private ServiceUnderTest service;
    private ShopEventsObserver shop;
    private MessageReader reader;

    @BeforeAll
    void start() throws Exception {
        service = ServiceUnderTest.start(TestDatabase.h2("payment-contract"), Map.of("payment.provider.backoff", "5ms"));
        shop = service.shop();
        reader = service.server().getApplicationContext().getBean(MessageReader.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void answersTheOrderPlacedExampleWithAnOrderPaidItMaySend() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), placed(orderId, "tok_approve"));

        assertSentAsContracted("orderPaid", shop.awaitEvent("order.paid", orderId));
    }

    @Test
    void answersADeclinedCardWithAPaymentFailedItMaySend() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), placed(orderId, "tok_insufficient_funds"));

        assertSentAsContracted("paymentFailed", shop.awaitEvent("payment.failed", orderId));
    }

    @Test
    void answersTheOrderCancelledExampleForAPaidOrderWithAPaymentRefundedItMaySend() throws Exception {
        String orderId = newOrderId();
        shop.publish("order.placed", newMessageId(), placed(orderId, "tok_approve"));
        shop.awaitEvent("order.paid", orderId);

        shop.publish("order.cancelled", newMessageId(), exampleFor("orderCancelled", "cancelled-after-payment", orderId));

        assertSentAsContracted("paymentRefunded", shop.awaitEvent("payment.refunded", orderId));
    }

    @Test
    void readsTheOrderPlacedExampleAsItsListenerDoes() throws Exception {
        OrderPlaced order = reader.read(asDelivery(ShopQueues.ORDER_PLACED, "order.placed",
                orderPlaced.example("two-lines")), OrderPlaced.class);

        assertThat(order.orderId()).isEqualTo(EXAMPLE_ORDER_ID);
        assertThat(order.customerEmail()).isEqualTo("ada@example.org");
        assertThat(order.amountMinor()).isEqualTo(4148);
        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(order.paymentToken()).isEqualTo("tok_approve");
        assertThat(order.items()).hasSize(2);
        assertThat(order.items().get(0).unitPriceMinor()).isEqualTo(1999);
        assertThat(order.shippingAddress())
                .isEqualTo(new ShippingAddress("Ada Lovelace", "Unter den Linden 1", "Berlin", "10117", "DE"));
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void readsTheOrderCancelledExampleAsItsListenerDoes() throws Exception {
        OrderCancelled cancelled = reader.read(asDelivery(ShopQueues.PAYMENT_REFUNDS, "order.cancelled",
                orderCancelled.example("cancelled-after-payment")), OrderCancelled.class);

        assertThat(cancelled).isEqualTo(new OrderCancelled(EXAMPLE_ORDER_ID, true, 4148, "EUR", "changed my mind"));
    }

    @Test
    void anOrderPlacedWithoutItsPaymentTokenIsRefusedByTheContractAndByTheReader() {
        String withoutToken = orderPlaced.example("two-lines").payload().replace("\"paymentToken\":\"tok_approve\",", "");

        assertThat(orderPlaced.violationsAsReceived(withoutToken)).isNotEmpty();
        assertThatThrownBy(() -> reader.read(asDelivery(ShopQueues.ORDER_PLACED, "order.placed", withoutToken,
                Map.of()), OrderPlaced.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("paymentToken");
    }

    private static String placed(String orderId, String token) {
        return exampleFor("orderPlaced", "two-lines", orderId).replace("tok_approve", token);
    }

    private static String newOrderId() {
        return UUID.randomUUID().toString();
    }
}
