package io.eventyard.broker.core.queue;

import java.util.Optional;

/** What a queue at its length limit does with one more message ({@code x-overflow}). */
public enum Overflow {
    DROP_HEAD("drop-head"),
    REJECT_PUBLISH("reject-publish"),
    REJECT_PUBLISH_DLX("reject-publish-dlx");

    private final String argument;

    Overflow(String argument) {
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }

    public static Optional<Overflow> fromArgument(String value) {
        for (Overflow o : values()) {
            if (o.argument.equals(value)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
