package io.eventyard.broker.store;

import java.nio.file.Path;

/** Durable storage failed or found damage it cannot repair; names the file and, when known, the offset. */
public class StoreException extends Exception {

    private final Path file;
    private final long offset;

    public StoreException(Path file, long offset, String message, Throwable cause) {
        super(file + (offset >= 0 ? " at offset " + offset : "") + ": " + message, cause);
        this.file = file;
        this.offset = offset;
    }

    public StoreException(Path file, long offset, String message) {
        this(file, offset, message, null);
    }

    public StoreException(Path file, String message, Throwable cause) {
        this(file, -1, message, cause);
    }

    public StoreException(Path file, String message) {
        this(file, -1, message, null);
    }

    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the problem is, or -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }
}
