package io.eventyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** E-mails per order: confirmation, receipt and shipment notice; or confirmation and payment failure. */
    static final int MAILS_WHEN_SHIPPED = 3;
    static final int MAILS_WHEN_PAYMENT_FAILED = 2;

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
        shop = new ShopClient(stack);
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

    void awaitStatuses(Map<String, String> expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, String> actual = new LinkedHashMap<>();
            for (String orderId : expected.keySet()) {
                actual.put(orderId, shop.orderStatus(orderId));
            }
            assertThat(actual).isEqualTo(expected);
        });
    }

    /** Waits for the expected number of mails per customer, then makes sure no extra one follows. */
    void assertExactMails(Map<String, String> expected, Map<String, String> customers) throws Exception {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        expected.forEach((orderId, status) -> wanted.put(customers.get(orderId),
                status.equals("SHIPPED") ? MAILS_WHEN_SHIPPED : MAILS_WHEN_PAYMENT_FAILED));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(mailsPerRecipient(wanted.keySet())).isEqualTo(wanted));
        Thread.sleep(1500); // a duplicate e-mail, were there one, would arrive within this
        assertThat(mailsPerRecipient(wanted.keySet())).as("each e-mail exactly once").isEqualTo(wanted);
    }

    Map<String, Integer> mailsPerRecipient(java.util.Collection<String> recipients) throws MessagingException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        recipients.forEach(r -> counts.put(r, 0));
        for (MimeMessage message : stack.mail().getReceivedMessages()) {
            for (String recipient : addresses(message)) {
                counts.computeIfPresent(recipient, (r, n) -> n + 1);
            }
        }
        return counts;
    }

    private static List<String> addresses(MimeMessage message) throws MessagingException {
        Address[] to = message.getAllRecipients();
        return to == null ? new ArrayList<>() : Arrays.stream(to).map(Address::toString)
                .map(a -> a.replaceAll(".*<|>.*", "")).collect(Collectors.toList());
    }
}
