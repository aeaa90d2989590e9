package io.eventyard.email.send;

import io.eventyard.email.smtp.MailDeliveryException;
import io.eventyard.email.smtp.SmtpMailer;
import io.eventyard.email.template.EmailTemplate;
import io.eventyard.email.template.MailTemplateRenderer;
import io.eventyard.messaging.inbox.Inbox;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Mails a command at most once per message id, with the inbox as the record: in one transaction,
 * check the inbox, write the id, send over SMTP, commit. A failed send rolls the row back, so the
 * retry finds it absent. The row is written before SMTP, though committed only after it, so that a
 * concurrent delivery of the same id (a second worker, a duplicate publish) blocks on that row and
 * then fails on the primary key instead of mailing too; its retry then finds the id and acks.
 *
 * <p>SMTP is not transactional, so one window stays open: a crash, or a failed commit, between the
 * server's 250 and the commit sends that mail again on redelivery. That is the at-least-once end of
 * the trade; the id in the mail's {@code X-Eventyard-Message-Id} header lets a mailbox spot it.
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
    // Micronaut rolls back on any exception, checked ones included, unless told otherwise; naming some
    // classes in rollbackFor would mean "only these", so it stays empty.
    @Transactional
    public boolean deliverOnce(String messageId, EmailCommand command, EmailTemplate template, int attempt)
            throws MailDeliveryException {
        if (inbox.alreadyProcessed(CONSUMER, messageId)) {
            return false;
        }
        try {
            inbox.record(CONSUMER, messageId);
        } catch (DataAccessException e) {
            throw new InboxClaimException(messageId, e);
        }
        mailer.send(command.to(), renderer.render(template, command.model()), messageId, attempt);
        return true;
    }
}
