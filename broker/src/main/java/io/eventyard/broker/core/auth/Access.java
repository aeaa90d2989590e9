package io.eventyard.broker.core.auth;

/** The three kinds of access RabbitMQ's permission model distinguishes. */
public enum Access {
    CONFIGURE("configure"),
    WRITE("write"),
    READ("read");

    private final String label;

    Access(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
