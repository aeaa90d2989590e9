package io.eventyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an order chain must show from outside, however it was started: the orders' end states and their mails. */
final class OrderChainAssertions {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** E-mails per order: confirmation, receipt and shipment notice; or confirmation and payment failure. */
    static final int MAILS_WHEN_SHIPPED = 3;
    static final int MAILS_WHEN_PAYMENT_FAILED = 2;

    private OrderChainAssertions() {
    }

    /** Waits until every order of {@code expected} (order id → status) has its status. */
    static void awaitStatuses(ShopClient shop, Map<String, String> expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, String> actual = new LinkedHashMap<>();
            for (String orderId : expected.keySet()) {
                actual.put(orderId, shop.orderStatus(orderId));
            }
            assertThat(actual).isEqualTo(expected);
        });
    }

    /**
     * Waits for the expected number of mails per customer ({@code customers}: order id → e-mail), then makes sure
     * no extra one follows.
     */
    static void assertExactMails(Mailbox mailbox, Map<String, String> expected, Map<String, String> customers)
            throws Exception {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        expected.forEach((orderId, status) -> wanted.put(customers.get(orderId),
                status.equals("SHIPPED") ? MAILS_WHEN_SHIPPED : MAILS_WHEN_PAYMENT_FAILED));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(mailbox.mailsPerRecipient(wanted.keySet())).isEqualTo(wanted));
        Thread.sleep(1500); // a duplicate e-mail, were there one, would arrive within this
        assertThat(mailbox.mailsPerRecipient(wanted.keySet())).as("each e-mail exactly once").isEqualTo(wanted);
    }
}
