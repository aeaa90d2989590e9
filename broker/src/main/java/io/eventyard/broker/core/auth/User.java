package io.eventyard.broker.core.auth;

import java.util.List;

/** A broker user: a salted password hash (never the password) and RabbitMQ-style tags. */
public record User(String name, byte[] passwordHash, byte[] salt, List<String> tags) {

    public boolean passwordMatches(String password) {
        return PasswordHash.matches(password, salt, passwordHash);
    }
}
