package io.eventyard.email.send;

import io.eventyard.email.template.EmailTemplate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * The {@code email.send} command: write {@code template} with {@code model} and mail it to {@code to}.
 * The model keys each template needs are listed in {@link EmailTemplate} and the README.
 *
 * @param messageId the producer's id for this command; the de-duplication key when present,
 *                  otherwise the AMQP message id is used
 */
@Serdeable
public record EmailCommand(
        @NotBlank @Email String to,
        @NotBlank @Pattern(regexp = EmailTemplate.NAMES_PATTERN) String template,
        @NotNull Map<String, String> model,
        @Nullable String messageId) {
}
