package io.eventyard.order.domain;

/**
 * Where the parcel goes.
 *
 * @param name       the recipient
 * @param street     street and number
 * @param postalCode postal code
 * @param city       city
 * @param country    ISO 3166-1 alpha-2 country code
 */
public record ShippingAddress(String name, String street, String postalCode, String city, String country) {
}
