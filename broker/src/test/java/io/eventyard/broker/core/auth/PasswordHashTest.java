package io.eventyard.broker.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Salted SHA-256 as rabbit_password_hashing_sha256 computes it: SHA-256(4-byte salt ++ UTF-8 password). */
class PasswordHashTest {

    // What RabbitMQ 3.10.8 stored (export_definitions) for a user added with the password "pässwörd-1":
    // base64 of the salt followed by the hash.
    private static final byte[] RABBITMQ_SALT_AND_HASH =
            Base64.getDecoder().decode("8zBXRUOnosOo1REEq2wdCFNe11lfgf72Cfhp1y6bcb4N/Nf5");

    @Test
    void hashesLikeRabbitMq() {
        byte[] salt = Arrays.copyOfRange(RABBITMQ_SALT_AND_HASH, 0, 4);
        byte[] expected = Arrays.copyOfRange(RABBITMQ_SALT_AND_HASH, 4, RABBITMQ_SALT_AND_HASH.length);

        assertThat(PasswordHash.hash("pässwörd-1", salt)).isEqualTo(expected);
        assertThat(PasswordHash.matches("pässwörd-1", salt, expected)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        byte[] salt = PasswordHash.newSalt();
        byte[] hash = PasswordHash.hash("secret", salt);

        assertThat(PasswordHash.matches("Secret", salt, hash)).isFalse();
        assertThat(PasswordHash.matches("", salt, hash)).isFalse();
        assertThat(PasswordHash.matches(null, salt, hash)).isFalse();
    }

    @Test
    void samePasswordWithAnotherSaltHashesDifferently() {
        byte[] salt = {1, 2, 3, 4};
        byte[] otherSalt = {1, 2, 3, 5};

        assertThat(PasswordHash.hash("secret", salt)).isNotEqualTo(PasswordHash.hash("secret", otherSalt));
        assertThat(PasswordHash.matches("secret", otherSalt, PasswordHash.hash("secret", salt))).isFalse();
    }

    @Test
    void saltsAreFourBytesAndFresh() {
        byte[] first = PasswordHash.newSalt();
        byte[] second = PasswordHash.newSalt();
        byte[] third = PasswordHash.newSalt();

        assertThat(first).hasSize(4);
        // Fresh 32-bit random salts repeat among three about once in 1.4 billion runs.
        assertThat(List.of(Arrays.toString(first), Arrays.toString(second), Arrays.toString(third)))
                .doesNotHaveDuplicates();
    }

    @Test
    void userMatchesOnlyItsOwnPassword() {
        byte[] salt = PasswordHash.newSalt();
        User user = new User("u", PasswordHash.hash("secret", salt), salt, List.of("administrator"));

        assertThat(user.passwordMatches("secret")).isTrue();
        assertThat(user.passwordMatches("guest")).isFalse();
    }
}
