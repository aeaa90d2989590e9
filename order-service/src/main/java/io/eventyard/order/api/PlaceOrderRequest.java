package io.eventyard.order.api;

import io.eventyard.order.domain.Money;
import io.eventyard.order.domain.OrderLine;
import io.eventyard.order.domain.ShippingAddress;
import io.eventyard.order.service.NewOrder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The body of {@code POST /orders}.
 *
 * @param customerEmail   where the confirmation, receipt and shipment notice go
 * @param currency        ISO 4217 code of every price, e.g. {@code EUR}
 * @param items           what to buy, one to a hundred lines
 * @param shippingAddress where to ship
 * @param paymentToken    the card token; {@code tok_approve} when absent. The simulated provider knows
 *                        {@code tok_approve}, {@code tok_decline}, {@code tok_insufficient_funds},
 *                        {@code tok_transient_<n>} and {@code tok_transient_always}
 */
@Serdeable
public record PlaceOrderRequest(
        @NotBlank @Email @Size(max = 254) String customerEmail,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid Item> items,
        @NotNull @Valid Address shippingAddress,
        @Nullable @Pattern(regexp = "tok_[A-Za-z0-9_]{1,64}", message = "must look like tok_...")
        @Schema(defaultValue = DEFAULT_PAYMENT_TOKEN) String paymentToken) {

    public static final String DEFAULT_PAYMENT_TOKEN = "tok_approve";

    /**
     * One line.
     *
     * @param sku       the article number
     * @param quantity  how many, 1 to 10000
     * @param unitPrice the price of one as a decimal number in {@code currency}, with no more decimals than
     *                  the currency has (19.99 EUR, 500 JPY)
     */
    @Serdeable
    public record Item(@NotBlank @Size(max = 64) String sku,
                       @NotNull @Positive @Max(10_000) Integer quantity,
                       @NotNull @Positive BigDecimal unitPrice) {
    }

    /**
     * A postal address.
     *
     * @param name       the recipient
     * @param street     street and number
     * @param postalCode postal code
     * @param city       city
     * @param country    ISO 3166-1 alpha-2 code, e.g. {@code DE}
     */
    @Serdeable
    public record Address(@NotBlank @Size(max = 200) String name,
                          @NotBlank @Size(max = 200) String street,
                          @NotBlank @Size(max = 20) String postalCode,
                          @NotBlank @Size(max = 100) String city,
                          @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE")
                          String country) {
    }

    /**
     * Converts to exact money. Runs after bean validation, for the checks that depend on the currency.
     *
     * @throws InvalidRequestException naming each field that fails: an unknown currency, a price with more
     *                                 decimals than the currency has, a total that does not fit
     */
    NewOrder toNewOrder() {
        List<FieldError> errors = new ArrayList<>();
        Currency parsedCurrency;
        try {
            parsedCurrency = Currency.getInstance(currency);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequestException(List.of(new FieldError("currency", "is not a known ISO 4217 currency")));
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            try {
                lines.add(new OrderLine(item.sku(), item.quantity(), Money.of(item.unitPrice(), parsedCurrency)));
            } catch (IllegalArgumentException invalidPrice) {
                errors.add(new FieldError("items[" + i + "].unitPrice", invalidPrice.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            try {
                lines.stream().map(OrderLine::total).reduce(Money.zero(parsedCurrency), Money::plus);
            } catch (ArithmeticException overflow) {
                errors.add(new FieldError("items", "the total is too large"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new NewOrder(customerEmail, paymentToken == null ? DEFAULT_PAYMENT_TOKEN : paymentToken,
                parsedCurrency, lines,
                new ShippingAddress(shippingAddress.name(), shippingAddress.street(), shippingAddress.postalCode(),
                        shippingAddress.city(), shippingAddress.country()));
    }
}
