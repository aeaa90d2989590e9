package io.eventyard.bench.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** What went wrong in a run, each kind once with how often; any thread may note. */
final class Incidents {

    private final Map<String, AtomicLong> counts = new ConcurrentSkipListMap<>();

    void note(String what) {
        counts.computeIfAbsent(what, key -> new AtomicLong()).incrementAndGet();
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        counts.forEach((what, count) -> lines.add(count.get() == 1 ? what : what + " (" + count.get() + "x)"));
        return lines;
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "closed";
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        return cause == error ? message : message + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + ")";
    }

}
