package io.eventyard.shipping.contract;

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
import io.eventyard.shipping.events.OrderCancelled;
import io.eventyard.shipping.events.OrderPaid;
import io.eventyard.shipping.events.ShippingAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * shipping-service against contracts/asyncapi.yaml: the contract's order.paid example goes in through its listener
 * (bundled broker, H2) and the order.shipped it publishes must be what the contract lets it send; its reader must
 * read the order.paid and order.cancelled examples into the values they say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippingContractTest {

    private final MessageContract orderPaid = CONTRACT.messageOf("orderPaid");
    private final MessageContract orderCancelled = CONTRACT.messageOf("orderCancelled");
    private ServiceUnderTest service;
    private ShopEventsObserver shop;
    private MessageReader reader;

    @BeforeAll
    void start() throws Exception {
        service = ServiceUnderTest.start(TestDatabase.h2("shipping-contract"), Map.of());
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
    void answersTheOrderPaidExampleWithAnOrderShippedItMaySend() throws Exception {
        String orderId = UUID.randomUUID().toString();
        shop.publish("order.paid", newMessageId(), exampleFor("orderPaid", "paid", orderId));

        assertSentAsContracted("orderShipped", shop.awaitEvent("order.shipped", orderId));
    }

    @Test
    void readsTheOrderPaidExampleAsItsListenerDoes() throws Exception {
        OrderPaid paid = reader.read(asDelivery(ShopQueues.ORDER_PAID, "order.paid", orderPaid.example("paid")),
                OrderPaid.class);

        assertThat(paid).isEqualTo(new OrderPaid(EXAMPLE_ORDER_ID, "pay-7c1d2e", 4148L, "EUR",
                new ShippingAddress("Ada Lovelace", "Unter den Linden 1", "Berlin", "10117", "DE"),
                Instant.parse("2026-11-22T08:00:01.250Z")));
    }

    @Test
    void readsTheOrderCancelledExampleAsItsListenerDoes() throws Exception {
        OrderCancelled cancelled = reader.read(asDelivery(ShopQueues.SHIPPING_CANCELLATIONS, "order.cancelled",
                orderCancelled.example("cancelled-after-payment")), OrderCancelled.class);

        assertThat(cancelled).isEqualTo(new OrderCancelled(EXAMPLE_ORDER_ID, "changed my mind"));
    }

    @Test
    void anOrderPaidWithoutItsAddressIsRefusedByTheContractAndByTheReader() {
        String withoutAddress = orderPaid.example("paid").payload()
                .replaceAll("\"shippingAddress\":\\{[^}]*},", "");

        assertThat(withoutAddress).doesNotContain("shippingAddress");
        assertThat(orderPaid.violationsAsReceived(withoutAddress)).isNotEmpty();
        assertThatThrownBy(() -> reader.read(asDelivery(ShopQueues.ORDER_PAID, "order.paid", withoutAddress,
                Map.of()), OrderPaid.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("shippingAddress");
    }
}
