package io.eventyard.e2e;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order chain on the bundled broker (in-process) and H2 files: what a user gets with no setup. */
class BundledBrokerOrderChainIT extends OrderChainContract {

    @Override
    protected MessageBroker broker(Path dataDir) {
        return new BundledBroker(dataDir);
    }

    @Override
    protected ServiceDatabases databases(Path dataDir) {
        return ServiceDatabases.h2(dataDir);
    }

    @Test
    void everyOrderCompletesWhenTheBrokerRestartsMidFlow() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> customers = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            if (i == 4) {
                stack.broker().restart(); // orders keep being accepted: their events wait in the outbox
            }
            String email = "restart-" + i + "-" + run + "@example.test";
            String orderId = shop.placeOrder(email, "tok_approve");
            expected.put(orderId, "SHIPPED");
            customers.put(orderId, email);
        }

        awaitStatuses(expected);
        assertExactMails(expected, customers);
    }
}
