package io.eventyard.messaging.inbound;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a delivery into a validated record, or says precisely why it cannot. */
@Singleton
public class MessageReader {

    private final ObjectMapper json;
    private final Validator validator;

    public MessageReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(InboundMessage message, Class<T> type) throws PoisonMessageException {
        if (message.messageId() == null || message.messageId().isBlank()) {
            throw new PoisonMessageException("no message id");
        }
        T value;
        try {
            value = json.readValue(message.body(), type);
        } catch (IOException | RuntimeException e) {
            throw new PoisonMessageException("not a valid " + type.getSimpleName() + " JSON document: " + e.getMessage());
        }
        if (value == null) {
            throw new PoisonMessageException("empty " + type.getSimpleName());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new PoisonMessageException("invalid " + type.getSimpleName() + ": " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining(", ")));
        }
        return value;
    }
}
