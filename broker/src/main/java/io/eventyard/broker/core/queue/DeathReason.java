package io.eventyard.broker.core.queue;

/** Why a message left its queue for the dead-letter exchange; the names are those of RabbitMQ's x-death. */
public enum DeathReason {
    REJECTED("rejected"),
    EXPIRED("expired"),
    MAXLEN("maxlen");

    private final String headerValue;

    DeathReason(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }
}
