package io.eventyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order chain end to end: orders placed over HTTP travel order-service → payment-service →
 * shipping-service over the broker, and e-mails reach the SMTP server through the email-worker.
 * Subclasses choose the broker and the databases; the assertions are the same for all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderChainContract {

    @TempDir
    static Path dataDir;

    ShopStack stack;
    ShopClient shop;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract MessageBroker broker(Path dataDir);

    protected abstract ServiceDatabases databases(Path dataDir);

    @BeforeAll
    void startStack() {
        stack = new ShopStack(broker(dataDir.resolve("broker")), databases(dataDir));
        shop = new ShopClient(stack::url);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void ordersReachShippedOrPaymentFailedWithExactlyTheirEmails() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>(); // order id -> final status
        Map<String, String> customers = new LinkedHashMap<>(); // order id -> e-mail
        String[] tokens = {"tok_approve", "tok_approve", "tok_decline", "tok_approve", "tok_insufficient_funds",
                "tok_transient_1", "tok_approve", "tok_approve"};
        for (int i = 0; i < tokens.length; i++) {
            String email = "buyer-" + i + "-" + run + "@example.test";
            String orderId = shop.placeOrder(email, tokens[i]);
            boolean approved = tokens[i].equals("tok_approve") || tokens[i].startsWith("tok_transient_1");
            expected.put(orderId, approved ? "SHIPPED" : "PAYMENT_FAILED");
            customers.put(orderId, email);
        }

        awaitStatuses(expected);
        for (Map.Entry<String, String> order : expected.entrySet()) {
            JsonNode payment = shop.payment(order.getKey());
            assertThat(payment).as("one payment record for %s", order.getKey()).isNotNull();
            JsonNode shipment = shop.shipment(order.getKey());
            if (order.getValue().equals("SHIPPED")) {
                assertThat(shipment).as("shipment of %s", order.getKey()).isNotNull();
                assertThat(shipment.path("trackingNumber").asText()).isNotBlank();
            } else {
                assertThat(shipment).as("no shipment for unpaid %s", order.getKey()).isNull();
            }
        }
        assertExactMails(expected, customers);
    }

    @Test
    void oneTraceFollowsAnOrderFromItsHttpRequestToItsLastEmail() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String email = "traced-" + run + "@example.test";
        String orderId = shop.placeOrder(email, "tok_approve", "00-" + traceId + "-00f067aa0ba902b7-01");

        awaitStatuses(Map.of(orderId, "SHIPPED"));
        assertExactMails(Map.of(orderId, "SHIPPED"), Map.of(orderId, email));
        List<String> traces = new ArrayList<>();
        for (MimeMessage message : stack.mail().getReceivedMessages()) {
            if (Mailbox.addresses(message).contains(email)) {
                traces.add(message.getHeader("X-Eventyard-Trace-Id", null));
            }
        }
        assertThat(traces).as("confirmation (HTTP → email-worker), receipt (→ payment → saga → email-worker), "
                + "shipment notice (→ payment → shipping → saga → email-worker)")
                .hasSize(OrderChainAssertions.MAILS_WHEN_SHIPPED).containsOnly(traceId);
    }

    void awaitStatuses(Map<String, String> expected) {
        OrderChainAssertions.awaitStatuses(shop, expected);
    }

    void assertExactMails(Map<String, String> expected, Map<String, String> customers) throws Exception {
        OrderChainAssertions.assertExactMails(Mailbox.of(stack.mail()), expected, customers);
    }
}
