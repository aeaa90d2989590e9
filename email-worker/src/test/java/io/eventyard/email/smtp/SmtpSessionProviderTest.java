package io.eventyard.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpSessionProviderTest {

    private static SmtpSettings settings(TlsMode tls, String username) {
        return new SmtpSettings("mail.example.com", 587, username, "secret", tls, Duration.ofSeconds(7));
    }

    @Test
    void plainSmtpWithoutAuthByDefault() {
        Properties properties = SmtpSessionProvider.properties(settings(TlsMode.NONE, null));

        assertThat(properties).containsEntry("mail.smtp.host", "mail.example.com").containsEntry("mail.smtp.port", "587")
                .containsEntry("mail.smtp.auth", "false").containsEntry("mail.smtp.timeout", "7000")
                .containsEntry("mail.smtp.connectiontimeout", "7000").containsEntry("mail.smtp.writetimeout", "7000")
                .doesNotContainKeys("mail.smtp.starttls.enable", "mail.smtp.ssl.enable");
    }

    @Test
    void startTlsIsRequiredNotMerelyOffered() {
        Properties properties = SmtpSessionProvider.properties(settings(TlsMode.STARTTLS, "mailer"));

        assertThat(properties).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.auth", "true");
    }

    @Test
    void implicitTlsFromTheFirstByte() {
        Properties properties = SmtpSessionProvider.properties(settings(TlsMode.IMPLICIT, "mailer"));

        assertThat(properties).containsEntry("mail.smtp.ssl.enable", "true").doesNotContainKey("mail.smtp.starttls.enable");
    }

    @Test
    void eachProviderHasItsOwnSession() {
        SmtpSessionProvider first = new SmtpSessionProvider(settings(TlsMode.NONE, null));
        SmtpSessionProvider second = new SmtpSessionProvider(new SmtpSettings("other.example.com", 25, null, null,
                TlsMode.NONE, Duration.ofSeconds(1)));

        assertThat(first.session().getProperty("mail.smtp.host")).isEqualTo("mail.example.com");
        assertThat(second.session().getProperty("mail.smtp.host")).isEqualTo("other.example.com");
    }
}
