package io.eventyard.email.smtp;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;

/**
 * The Jakarta Mail session micronaut-email sends through, built from {@link SmtpSettings}.
 * Replaces micronaut-email's default provider because that one uses {@code Session.getDefaultInstance},
 * a JVM-wide singleton: the first configuration in a JVM would win, so two application contexts
 * (as in the tests) could not talk to two SMTP servers.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
public class SmtpSessionProvider implements SessionProvider {

    private final Session session;

    public SmtpSessionProvider(SmtpSettings settings) {
        this.session = Session.getInstance(properties(settings), authenticator(settings));
    }

    @Override
    public Session session() {
        return session;
    }

    static Properties properties(SmtpSettings settings) {
        Properties properties = new Properties();
        String timeoutMillis = Long.toString(settings.timeout().toMillis());
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", timeoutMillis);
        properties.setProperty("mail.smtp.timeout", timeoutMillis);
        properties.setProperty("mail.smtp.writetimeout", timeoutMillis);
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        switch (settings.tls()) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case IMPLICIT -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return properties;
    }

    private static Authenticator authenticator(SmtpSettings settings) {
        if (!settings.authenticates()) {
            return null;
        }
        PasswordAuthentication credentials = new PasswordAuthentication(
                settings.username(), settings.password() == null ? "" : settings.password());
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return credentials;
            }
        };
    }
}
