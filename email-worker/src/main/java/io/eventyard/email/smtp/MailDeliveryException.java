package io.eventyard.email.smtp;

/**
 * A mail that did not go out, and whether trying again later can help. {@link #reason()} is short
 * and human-readable: it ends up in the {@code x-eventyard-reason} header of a parked message.
 */
public class MailDeliveryException extends Exception {

    private final boolean permanent;

    public MailDeliveryException(boolean permanent, String reason, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    /** A 5xx answer or an address the server will never take: retrying cannot succeed. */
    public boolean isPermanent() {
        return permanent;
    }

    public String reason() {
        return getMessage();
    }
}
