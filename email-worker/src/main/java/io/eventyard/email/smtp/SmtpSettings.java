package io.eventyard.email.smtp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The SMTP server mail goes to ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME},
 * {@code SMTP_PASSWORD}, {@code SMTP_TLS} through application.yml). No username means no AUTH.
 *
 * @param timeout for connecting, reading and writing: a hung server must not stall the consumer
 */
@ConfigurationProperties("smtp")
public record SmtpSettings(
        @NotBlank @Bindable(defaultValue = "localhost") String host,
        @Min(1) @Max(65535) @Bindable(defaultValue = "3025") int port,
        @Nullable String username,
        @Nullable String password,
        @NotNull @Bindable(defaultValue = "NONE") TlsMode tls,
        @NotNull @Bindable(defaultValue = "10s") Duration timeout) {

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }
}
