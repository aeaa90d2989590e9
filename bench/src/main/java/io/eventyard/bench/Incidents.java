package io.eventyard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * What went wrong in a run, each kind counted once however often it happened: broker-closed connections
 * and channels, nacks, flow-control blocks, stalls, failed publishes. Any thread may report.
 */
public final class Incidents {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    public synchronized void report(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    public synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Each kind once, with {@code (×N)} when it happened more than once, in the order first seen. */
    public synchronized List<String> summary() {
        List<String> lines = new ArrayList<>();
        counts.forEach((what, count) -> lines.add(count == 1 ? what : what + " (×" + count + ")"));
        return lines;
    }

    /**
     * Why a connection or channel ended that the benchmark did not close: {@code closed by broker: 406
     * PRECONDITION_FAILED - ...} when the broker closed it, else {@code lost: } and the I/O failure (a
     * reset, or the client's read timeout when a frame stays incomplete for a quarter of the heartbeat).
     */
    public static String describeShutdown(ShutdownSignalException cause) {
        Object reason = cause.getReason();
        if (reason instanceof AMQP.Connection.Close close) {
            return "closed by broker: " + close.getReplyCode() + " " + close.getReplyText();
        }
        if (reason instanceof AMQP.Channel.Close close) {
            return "closed by broker: " + close.getReplyCode() + " " + close.getReplyText();
        }
        return "lost: " + describe(cause.getCause() == null ? cause : cause.getCause());
    }

    /** A failure's message, one line, with the type when the message alone says little. */
    public static String describe(Throwable failure) {
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
