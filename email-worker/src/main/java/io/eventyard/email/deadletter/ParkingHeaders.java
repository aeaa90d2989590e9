package io.eventyard.email.deadletter;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * The headers a parked message carries, and how a parked message is turned back into a fresh one.
 * The broker's own dead-letter history ({@code x-death}, {@code x-first-death-*}, {@code x-last-death-*})
 * is not copied: it belongs to the trip that ended here, and a replayed message must start its
 * attempt count from zero.
 */
public final class ParkingHeaders {

    public static final String REASON = "x-eventyard-reason";
    public static final String PARKED_AT = "x-eventyard-parked-at";
    public static final String ATTEMPTS = "x-eventyard-attempts";

    private ParkingHeaders() {
    }

    /** The original properties and headers, without dead-letter history, plus the parking headers. */
    static AMQP.BasicProperties parked(BasicProperties original, String reason, String parkedAt, int attempts) {
        Map<String, Object> headers = withoutHistory(original.getHeaders());
        headers.put(REASON, reason);
        headers.put(PARKED_AT, parkedAt);
        headers.put(ATTEMPTS, attempts);
        return copy(original, headers);
    }

    /** The properties of a parked message as they were before it first failed: same message id, no history. */
    static AMQP.BasicProperties fresh(BasicProperties parked) {
        Map<String, Object> headers = withoutHistory(parked.getHeaders());
        headers.remove(REASON);
        headers.remove(PARKED_AT);
        headers.remove(ATTEMPTS);
        return copy(parked, headers);
    }

    static String text(Map<String, Object> headers, String name) {
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString(); // the client hands long strings over as LongString
    }

    private static Map<String, Object> withoutHistory(Map<String, Object> headers) {
        Map<String, Object> copy = new HashMap<>(headers == null ? Map.of() : headers);
        copy.keySet().removeIf(name -> name.equals("x-death") || name.startsWith("x-first-death-") || name.startsWith("x-last-death-"));
        return copy;
    }

    private static AMQP.BasicProperties copy(BasicProperties original, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .contentType(original.getContentType())
                .contentEncoding(original.getContentEncoding())
                .headers(headers)
                .deliveryMode(2)
                .priority(original.getPriority())
                .correlationId(original.getCorrelationId())
                .messageId(original.getMessageId())
                .timestamp(original.getTimestamp())
                .type(original.getType())
                .appId(original.getAppId())
                .build();
    }
}
