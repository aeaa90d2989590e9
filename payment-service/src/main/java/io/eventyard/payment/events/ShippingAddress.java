package io.eventyard.payment.events;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** Where the order goes; received in {@code order.placed} and passed on unchanged in {@code order.paid}. */
@Serdeable
public record ShippingAddress(
        @NotBlank String name,
        @NotBlank String street,
        @NotBlank String city,
        @NotBlank String postalCode,
        @NotBlank String country) {
}
