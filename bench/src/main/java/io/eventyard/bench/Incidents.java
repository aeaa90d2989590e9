package io.eventyard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What went wrong in a run, each kind counted once however often it happened: broker-closed connections
 * and channels, nacks, flow-control blocks, stalls, failed publishes. Any thread may report.
 */
final class Incidents {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    synchronized void report(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Each kind once, with {@code (×N)} when it happened more than once, in the order first seen. */
    synchronized List<String> summary() {
        List<String> lines = new ArrayList<>();
        counts.forEach((what, count) -> lines.add(count == 1 ? what : what + " (×" + count + ")"));
        return lines;
    }

    /** A failure's message, one line, with the type when the message alone says little. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null && cause.getCause() != null) {
            message = cause.getCause().toString();
        }
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replaceAll("\\s+", " ");
    }
}
