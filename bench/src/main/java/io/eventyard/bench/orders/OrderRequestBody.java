package io.eventyard.bench.orders;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JSON body of {@code POST /orders} for the load generator: one order of two mugs, shipped to Britain,
 * paid with the given card token. Each order has its own customer address so that the e-mails the chain
 * sends can be told apart.
 */
final class OrderRequestBody {

    private static final String TEMPLATE = """
            {"customerEmail":"load-%s-%d@example.com","currency":"EUR","paymentToken":"%s",\
            "items":[{"sku":"MUG-1","quantity":2,"unitPrice":12.50}],\
            "shippingAddress":{"name":"Load Generator","street":"1 Bench Street","city":"London",\
            "postalCode":"EC1A 1BB","country":"GB"}}""";

    private final String runId;
    private final String paymentToken;

    /**
     * @param runId        letters and digits that tell this run's customers from another's
     * @param paymentToken e.g. {@code tok_approve}
     */
    OrderRequestBody(String runId, String paymentToken) {
        if (!runId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("run id must be letters and digits, was " + runId);
        }
        if (!paymentToken.matches("tok_[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a card token: " + paymentToken);
        }
        this.runId = runId;
        this.paymentToken = paymentToken;
    }

    byte[] forOrder(long sequence) {
        return String.format(Locale.ROOT, TEMPLATE, runId, sequence, paymentToken).getBytes(StandardCharsets.UTF_8);
    }
}
