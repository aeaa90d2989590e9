package io.eventyard.email.send;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code email.max-attempts} ({@code EMAIL_MAX_ATTEMPTS}): SMTP attempts per command before it is parked. */
@ConfigurationProperties("email")
public record EmailSettings(@Min(1) @Max(30) @Bindable(defaultValue = "5") int maxAttempts) {
}
