package io.eventyard.broker.store;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user, identified by its name. The store keeps the salted hash as given; hashing belongs to the core.
 *
 * @param passwordHash the salted SHA-256 digest, as RabbitMQ's {@code rabbit_password_hashing_sha256}
 * @param tags         management tags ({@code administrator}...), unmodifiable
 */
public record UserDefinition(String name, byte[] passwordHash, byte[] salt, List<String> tags)
        implements Definition {

    public UserDefinition {
        Objects.requireNonNull(name, "name");
        passwordHash = passwordHash == null ? new byte[0] : passwordHash.clone();
        salt = salt == null ? new byte[0] : salt.clone();
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public byte[] passwordHash() {
        return passwordHash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserDefinition other
                && name.equals(other.name)
                && Arrays.equals(passwordHash, other.passwordHash)
                && Arrays.equals(salt, other.salt)
                && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(passwordHash), Arrays.hashCode(salt), tags);
    }

    @Override
    public String toString() {
        return "UserDefinition[name=" + name + ", tags=" + tags + "]";
    }
}
