package io.eventyard.broker.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Salted SHA-256, the scheme of RabbitMQ's default {@code rabbit_password_hashing_sha256}. */
public final class PasswordHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] hash(String password, byte[] salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static boolean matches(String password, byte[] salt, byte[] expectedHash) {
        return password != null && MessageDigest.isEqual(hash(password, salt), expectedHash);
    }
}
