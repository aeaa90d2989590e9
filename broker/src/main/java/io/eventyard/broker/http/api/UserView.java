package io.eventyard.broker.http.api;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.auth.User;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A user as {@code GET /api/users} shows it to administrators: the hash is RabbitMQ's format (base64 of
 * the 4-byte salt followed by the SHA-256 digest), so definitions carry over between the two brokers.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record UserView(String name, List<String> tags, String passwordHash, String hashingAlgorithm) {

    static UserView of(User user) {
        byte[] saltAndHash = ByteBuffer.allocate(user.salt().length + user.passwordHash().length)
                .put(user.salt()).put(user.passwordHash()).array();
        return new UserView(user.name(), List.copyOf(user.tags()),
                Base64.getEncoder().encodeToString(saltAndHash), "rabbit_password_hashing_sha256");
    }
}
