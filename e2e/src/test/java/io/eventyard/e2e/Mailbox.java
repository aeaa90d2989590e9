package io.eventyard.e2e;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a test counts the e-mails the shop sent: a GreenMail in the test's JVM, or the launcher's over HTTP. */
interface Mailbox {

    /** How many e-mails each of {@code recipients} has received so far (0 for none), in their order. */
    Map<String, Integer> mailsPerRecipient(Collection<String> recipients) throws Exception;

    static Mailbox of(GreenMail mail) {
        return recipients -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            recipients.forEach(r -> counts.put(r, 0));
            for (MimeMessage message : mail.getReceivedMessages()) {
                for (String recipient : addresses(message)) {
                    counts.computeIfPresent(recipient, (r, n) -> n + 1);
                }
            }
            return counts;
        };
    }

    /** The bare addresses a message went to ({@code a@b} of {@code Name <a@b>}). */
    static List<String> addresses(MimeMessage message) throws MessagingException {
        Address[] to = message.getAllRecipients();
        return to == null ? List.of() : Arrays.stream(to).map(Address::toString)
                .map(a -> a.replaceAll(".*<|>.*", "")).toList();
    }
}
