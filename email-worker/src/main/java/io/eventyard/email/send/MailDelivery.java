package io.eventyard.email.send;

import io.eventyard.email.smtp.MailDeliveryException;
import io.eventyard.email.smtp.SmtpMailer;
import io.eventyard.email.template.EmailTemplate;
import io.eventyard.email.template.MailTemplateRenderer;
import io.eventyard.messaging.inbox.Inbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Mails a command at most once per message id: the inbox is checked before SMTP and the id recorded
 * after it, in one transaction. SMTP is not transactional, so one window stays open: a crash (or a
 * failed commit) between the server's 250 and the commit sends that mail again on redelivery. That
 * is the usual at-least-once trade; the id in the mail's {@code X-Eventyard-Message-Id} header lets
 * a mailbox spot the rare duplicate.
 */
@Singleton
public class MailDelivery {

    /** The inbox is shared by every consumer of a database; this is ours. */
    public static final String CONSUMER = "email-worker";

    private final Inbox inbox;
    private final MailTemplateRenderer renderer;
    private final SmtpMailer mailer;

    public MailDelivery(Inbox inbox, MailTemplateRenderer renderer, SmtpMailer mailer) {
        this.inbox = inbox;
        this.renderer = renderer;
        this.mailer = mailer;
    }

    /** @return false when this message id was mailed before, true when it went out now */
    @Transactional
    public boolean deliverOnce(String messageId, EmailCommand command, EmailTemplate template, int attempt)
            throws MailDeliveryException {
        if (inbox.alreadyProcessed(CONSUMER, messageId)) {
            return false;
        }
        mailer.send(command.to(), renderer.render(template, command.model()), messageId, attempt);
        inbox.record(CONSUMER, messageId);
        return true;
    }
}
