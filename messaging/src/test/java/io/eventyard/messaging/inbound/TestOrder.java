package io.eventyard.messaging.inbound;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** The test consumer's message; {@code fail} makes its effect throw after writing. */
@Serdeable
record TestOrder(@NotBlank String orderId, @Min(0) long amount, boolean fail) {
}
