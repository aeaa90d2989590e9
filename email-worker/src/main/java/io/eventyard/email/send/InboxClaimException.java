package io.eventyard.email.send;

/**
 * The message id could not be written to the inbox: usually because another delivery of the same id
 * is being mailed right now and holds the row (it fails on the primary key once that one commits).
 * Handled like a transient failure: after a retry cycle the id is found and the copy acked, or, if
 * the other delivery failed after all, this one mails.
 */
public class InboxClaimException extends RuntimeException {

    public InboxClaimException(String messageId, Throwable cause) {
        super("message id " + messageId + " is being handled by another delivery (or the inbox write failed: "
                + cause.getMessage() + ")", cause);
    }
}
