package io.eventyard.broker.core;

/**
 * A request the core refuses: a missing queue, a reserved name, an inequivalent re-declare. Protocol
 * adapters answer it on the wire (AMQP maps {@link Reason} to its reply codes), once.
 */
public final class CoreException extends RuntimeException {

    public enum Reason {
        NOT_FOUND,
        ACCESS_REFUSED,
        RESOURCE_LOCKED,
        PRECONDITION_FAILED,
        NOT_ALLOWED,
        NOT_IMPLEMENTED,
        /** The request makes no sense at all (an unknown exchange type); closes the connection. */
        COMMAND_INVALID,
        /** Broker state would be inconsistent; closes the connection. */
        INTERNAL_ERROR
    }

    private final Reason reason;

    public CoreException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    public static CoreException notFound(String detail) {
        return new CoreException(Reason.NOT_FOUND, detail);
    }

    public static CoreException accessRefused(String detail) {
        return new CoreException(Reason.ACCESS_REFUSED, detail);
    }

    public static CoreException locked(String detail) {
        return new CoreException(Reason.RESOURCE_LOCKED, detail);
    }

    public static CoreException precondition(String detail) {
        return new CoreException(Reason.PRECONDITION_FAILED, detail);
    }
}
