package io.eventyard.contracts;

/**
 * One way a payload or its headers break the contract.
 *
 * @param location where in the document, as a JSON path ({@code $.shippingAddress.country}); {@code $} is the whole
 * @param message  what is wrong, in the validator's words
 */
public record ContractViolation(String location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
