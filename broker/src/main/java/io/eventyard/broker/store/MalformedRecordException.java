package io.eventyard.broker.store;

/** A record whose checksum holds but whose content does not decode; the log turns it into a StoreException. */
final class MalformedRecordException extends RuntimeException {

    MalformedRecordException(String message) {
        super(message);
    }
}
