package io.eventyard.order.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * {@code order.placed} on {@code shop.events}: payment-service charges {@code amountMinor} with
 * {@code paymentToken}.
 *
 * @param orderId         the order
 * @param customerEmail   the customer's e-mail address
 * @param amountMinor     the total in minor units of {@code currency}
 * @param currency        ISO 4217 code
 * @param paymentToken    the card token to charge
 * @param items           the lines
 * @param shippingAddress where the parcel goes
 * @param placedAt        when the order was placed
 */
@Serdeable
public record OrderPlaced(String orderId,
                          String customerEmail,
                          long amountMinor,
                          String currency,
                          String paymentToken,
                          List<Item> items,
                          Address shippingAddress,
                          Instant placedAt) {

    /**
     * One line.
     *
     * @param sku            the article number
     * @param quantity       how many
     * @param unitPriceMinor the price of one in minor units
     */
    @Serdeable
    public record Item(String sku, int quantity, long unitPriceMinor) {
    }

    /**
     * A postal address.
     *
     * @param name       recipient
     * @param street     street and number
     * @param postalCode postal code
     * @param city       city
     * @param country    ISO 3166-1 alpha-2
     */
    @Serdeable
    public record Address(String name, String street, String postalCode, String city, String country) {
    }
}
