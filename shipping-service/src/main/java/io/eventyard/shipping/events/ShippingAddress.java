package io.eventyard.shipping.events;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Where the parcel goes. {@code country} is an ISO 3166-1 alpha-2 code; it picks the carrier. */
@Serdeable
public record ShippingAddress(
        @NotBlank String name,
        @NotBlank String street,
        @NotBlank String city,
        @NotBlank String postalCode,
        @NotBlank @Pattern(regexp = "[A-Za-z]{2}") String country) {
}
