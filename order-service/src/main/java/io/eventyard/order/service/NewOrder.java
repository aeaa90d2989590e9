package io.eventyard.order.service;

import io.eventyard.order.domain.OrderLine;
import io.eventyard.order.domain.ShippingAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;

/**
 * What a customer asks for, checked and converted to exact money: the input of {@link OrderService#place}.
 *
 * @param customerEmail   where the e-mails go
 * @param paymentToken    the card token to charge
 * @param currency        the currency of every line
 * @param lines           the lines, in the customer's order
 * @param shippingAddress where the parcel goes
 */
public record NewOrder(String customerEmail,
                       String paymentToken,
                       Currency currency,
                       List<OrderLine> lines,
                       ShippingAddress shippingAddress) {

    public NewOrder {
        lines = List.copyOf(lines);
    }

    /**
     * A digest of the request's content, stored with an {@code Idempotency-Key} so that a client reusing
     * the key for a different order is told so instead of silently getting the first order back.
     */
    public String fingerprint() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
