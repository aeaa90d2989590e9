package io.eventyard.payment.provider;

/** What the provider decided about a charge. An unavailable provider is an exception, not an outcome. */
public sealed interface ChargeOutcome {

    /** The money was taken; {@code chargeId} is the provider's reference, needed to refund. */
    record Approved(String chargeId) implements ChargeOutcome {
    }

    /** The card was refused; retrying will not change that. */
    record Declined(String reason) implements ChargeOutcome {
    }
}
