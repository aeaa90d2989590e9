package io.eventyard.email.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Decides whether a failed send is worth retrying, by the SMTP reply code where there is one
 * (RFC 5321 §4.2.1: 4yz transient, 5yz permanent).
 *
 * <ul>
 *   <li>A reply code in the failure chain decides: 4xx transient, 5xx permanent. Jakarta Mail puts it
 *       in {@link SMTPSendFailedException}/{@link SMTPAddressFailedException}, or, for a refused
 *       greeting, only in the message text ("..., response: 421 ...").</li>
 *   <li>An address Jakarta Mail cannot parse is permanent.</li>
 *   <li>Failed authentication is transient: it is the worker's configuration, not the mail, that is
 *       wrong, and the mail should go out once an operator fixes it.</li>
 *   <li>Network trouble (refused, reset, timeout, unknown host) and anything unrecognised is
 *       transient; the attempt limit bounds the cost of guessing wrong.</li>
 * </ul>
 */
public final class SmtpFailureClassifier {

    private static final Pattern RESPONSE_CODE = Pattern.compile("response: \\[?([245]\\d\\d)\\b");

    private SmtpFailureClassifier() {
    }

    public static MailDeliveryException classify(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            int code = replyCode(t);
            if (code >= 400) {
                String reply = describe(t).replaceFirst("^" + code + "\\s*", "");
                return new MailDeliveryException(code >= 500, "SMTP " + code + ": " + reply, failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AddressException) {
                return new MailDeliveryException(true, "invalid address: " + describe(t), failure);
            }
            if (t instanceof AuthenticationFailedException) {
                return new MailDeliveryException(false, "SMTP authentication failed: " + describe(t), failure);
            }
            if (t instanceof IOException) {
                return new MailDeliveryException(false, "SMTP connection failed: " + describe(t), failure);
            }
        }
        return new MailDeliveryException(false, "SMTP failure: " + describe(chain.get(chain.size() - 1)), failure);
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException sendFailed) {
            return sendFailed.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException addressFailed) {
            return addressFailed.getReturnCode();
        }
        if (t instanceof MessagingException && t.getMessage() != null) {
            Matcher matcher = RESPONSE_CODE.matcher(t.getMessage());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    /** The failure, its causes and Jakarta Mail's chained "next" exceptions, outermost first. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            chain.add(t);
            pending.add(t.getCause());
            if (t instanceof MessagingException messaging) {
                pending.add(messaging.getNextException());
            }
        }
        return chain;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.strip().replaceAll("\\s+", " ");
    }
}
