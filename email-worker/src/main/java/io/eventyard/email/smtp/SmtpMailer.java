package io.eventyard.email.smtp;

import io.eventyard.email.template.RenderedMail;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.validation.ConstraintViolationException;

/**
 * Sends one rendered mail over SMTP through micronaut-email (the sender in
 * {@code micronaut.email.from}), as multipart/alternative with the text and the HTML body.
 * Each mail carries the command's message id in {@value #MESSAGE_ID_HEADER}, so a mailbox can be
 * matched to the command that caused it, and the attempt that delivered it in {@value #ATTEMPT_HEADER}.
 */
@Singleton
public class SmtpMailer {

    public static final String MESSAGE_ID_HEADER = "X-Eventyard-Message-Id";
    public static final String ATTEMPT_HEADER = "X-Eventyard-Attempt";

    private final EmailSender<Message, ?> sender;

    public SmtpMailer(EmailSender<Message, ?> sender) {
        this.sender = sender;
    }

    public void send(String to, RenderedMail mail, String messageId, int attempt) throws MailDeliveryException {
        Email.Builder email = Email.builder()
                .to(to)
                .subject(mail.subject())
                .body(new MultipartBody(mail.html(), mail.text()));
        try {
            sender.send(email, message -> tag(message, messageId, attempt));
        } catch (EmailException e) {
            throw SmtpFailureClassifier.classify(e);
        } catch (ConstraintViolationException e) {
            // micronaut-email validates the mail before it connects; a bad address never gets better
            throw new MailDeliveryException(true, "invalid mail: " + e.getMessage(), e);
        }
    }

    private static void tag(Message message, String messageId, int attempt) {
        try {
            message.setHeader(MESSAGE_ID_HEADER, messageId);
            message.setHeader(ATTEMPT_HEADER, Integer.toString(attempt));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot tag the mail", e);
        }
    }
}
