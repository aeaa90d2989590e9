package io.eventyard.broker.core.queue;

import java.util.List;
import java.util.Map;

import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.message.FieldTypeNames;
import io.eventyard.broker.core.message.FieldValues;

/**
 * The {@code x-} arguments of a queue that change its behaviour, read once at declare time and validated
 * with RabbitMQ's rules and error texts ({@code invalid arg 'x-expires' for queue 'q' in vhost '/': {value_zero,0}}).
 *
 * @param messageTtlMillis     {@code x-message-ttl}, or -1
 * @param expiresMillis        {@code x-expires}, or -1
 * @param maxLength            {@code x-max-length}, or -1
 * @param maxLengthBytes       {@code x-max-length-bytes}, or -1
 * @param overflow             {@code x-overflow}, drop-head by default
 * @param deadLetterExchange   {@code x-dead-letter-exchange}, or null
 * @param deadLetterRoutingKey {@code x-dead-letter-routing-key}, or null to keep the message's own keys
 * @param singleActiveConsumer {@code x-single-active-consumer}
 */
public record QueueArguments(
        long messageTtlMillis,
        long expiresMillis,
        long maxLength,
        long maxLengthBytes,
        Overflow overflow,
        String deadLetterExchange,
        String deadLetterRoutingKey,
        boolean singleActiveConsumer) {

    /** The arguments RabbitMQ 3.10 compares when a queue is declared again. */
    public static final List<String> EQUIVALENCE_KEYS = List.of(
            "x-expires", "x-message-ttl", "x-dead-letter-exchange", "x-dead-letter-routing-key",
            "x-max-length", "x-max-length-bytes", "x-max-in-memory-length", "x-max-in-memory-bytes",
            "x-max-priority", "x-overflow", "x-queue-mode", "x-single-active-consumer", "x-queue-type",
            "x-queue-master-locator");

    public static final QueueArguments NONE =
            new QueueArguments(-1, -1, -1, -1, Overflow.DROP_HEAD, null, null, false);

    public static QueueArguments parse(Map<String, Object> args, String resource) {
        if (args == null || args.isEmpty()) {
            return NONE;
        }
        long expires = timer(args, "x-expires", resource, true);
        long ttl = timer(args, "x-message-ttl", resource, false);
        long maxLength = wholeNumber(args, "x-max-length", resource, false);
        long maxBytes = wholeNumber(args, "x-max-length-bytes", resource, false);
        Overflow overflow = Overflow.DROP_HEAD;
        if (args.containsKey("x-overflow")) {
            Object raw = args.get("x-overflow");
            String text = text(raw, "x-overflow", resource);
            overflow = Overflow.fromArgument(text).orElseThrow(() -> invalid("x-overflow", resource,
                    "invalid_overflow"));
        }
        String dlx = null;
        if (args.containsKey("x-dead-letter-exchange")) {
            Object raw = args.get("x-dead-letter-exchange");
            dlx = FieldValues.asString(raw);
            if (dlx == null) {
                throw CoreException.precondition("invalid type '" + FieldTypeNames.of(raw)
                        + "' for arg 'x-dead-letter-exchange' in " + resource);
            }
        }
        String dlrk = args.containsKey("x-dead-letter-routing-key")
                ? text(args.get("x-dead-letter-routing-key"), "x-dead-letter-routing-key", resource) : null;
        if (dlrk != null && dlx == null) {
            throw invalid("x-dead-letter-routing-key", resource, "routing_key_but_no_dlx_defined");
        }
        boolean sac = false;
        if (args.containsKey("x-single-active-consumer")) {
            Object raw = args.get("x-single-active-consumer");
            if (!(raw instanceof Boolean b)) {
                throw invalid("x-single-active-consumer", resource,
                        "{unacceptable_type," + FieldTypeNames.of(raw) + "}");
            }
            sac = b;
        }
        return new QueueArguments(ttl, expires, maxLength, maxBytes, overflow, dlx, dlrk, sac);
    }

    public boolean hasLengthLimit() {
        return maxLength >= 0 || maxLengthBytes >= 0;
    }

    /** The largest TTL or expiry RabbitMQ accepts: its timers are 32-bit milliseconds. */
    public static final long MAX_TIMER_MILLIS = 4294967295L;

    private static long timer(Map<String, Object> args, String key, String resource, boolean positive) {
        long value = wholeNumber(args, key, resource, positive);
        if (value > MAX_TIMER_MILLIS) {
            throw invalid(key, resource, "{value_too_large," + value + "}");
        }
        return value;
    }

    private static long wholeNumber(Map<String, Object> args, String key, String resource, boolean positive) {
        if (!args.containsKey(key)) {
            return -1;
        }
        Object raw = args.get(key);
        Long value = FieldValues.asLong(raw);
        if (value == null) {
            throw invalid(key, resource, "\"expected integer, got " + FieldTypeNames.of(raw) + "\"");
        }
        if (value < 0) {
            throw invalid(key, resource, "{value_negative," + value + "}");
        }
        if (positive && value == 0) {
            throw invalid(key, resource, "{value_zero,0}");
        }
        return value;
    }

    private static String text(Object raw, String key, String resource) {
        String value = FieldValues.asString(raw);
        if (value == null) {
            throw invalid(key, resource, "{unacceptable_type," + FieldTypeNames.of(raw) + "}");
        }
        return value;
    }

    private static CoreException invalid(String key, String resource, String why) {
        return CoreException.precondition("invalid arg '" + key + "' for " + resource + ": " + why);
    }
}
