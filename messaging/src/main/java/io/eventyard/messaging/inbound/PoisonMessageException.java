package io.eventyard.messaging.inbound;

/** A message that can never be processed, however often it is delivered: unreadable or invalid. */
public class PoisonMessageException extends Exception {

    public PoisonMessageException(String reason) {
        super(reason);
    }
}
