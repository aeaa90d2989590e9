package io.eventyard.broker.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.eventyard.broker.core.message.FieldValues;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;

/**
 * The {@code x-death} header as RabbitMQ 3.10 keeps it: one entry per (queue, reason), most recent first, its
 * {@code count} raised each time the message dies the same way again, plus the {@code x-first-death-*} headers
 * that are written once.
 */
public final class DeathHistory {

    public static final String X_DEATH = "x-death";

    private DeathHistory() {
    }

    /**
     * The message as it leaves {@code queue} for its dead-letter exchange: the death recorded, the
     * per-message expiration moved into the entry (so that it does not expire again at once), addressed to
     * {@code deadLetterExchange}.
     */
    public static Message recordDeath(Message message, String queue, DeathReason reason, Instant time,
                                      String deadLetterExchange, String deadLetterRoutingKey) {
        MessageProperties props = message.properties();
        Map<String, Object> headers = props.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(props.headers());
        List<Object> routingKeys = new ArrayList<>();
        routingKeys.add(message.routingKey());
        routingKeys.addAll(ccKeys(headers));

        List<Object> deaths = new ArrayList<>();
        Map<String, Object> entry = null;
        if (headers.get(X_DEATH) instanceof List<?> previous) {
            for (Object item : previous) {
                if (entry == null && item instanceof Map<?, ?> earlier
                        && queue.equals(FieldValues.asString(earlier.get("queue")))
                        && reason.headerValue().equals(FieldValues.asString(earlier.get("reason")))) {
                    // The same death again: RabbitMQ raises the count and keeps the rest of the first one.
                    entry = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> field : earlier.entrySet()) {
                        entry.put(String.valueOf(field.getKey()), field.getValue());
                    }
                    Long count = FieldValues.asLong(earlier.get("count"));
                    entry.put("count", (count == null ? 0 : count) + 1);
                } else {
                    deaths.add(item);
                }
            }
        }
        if (entry == null) {
            entry = new LinkedHashMap<>();
            entry.put("count", 1L);
            entry.put("reason", reason.headerValue());
            entry.put("queue", queue);
            entry.put("time", time);
            entry.put("exchange", message.exchange());
            entry.put("routing-keys", routingKeys);
            if (props.expiration() != null) {
                entry.put("original-expiration", props.expiration());
            }
        }
        deaths.add(0, entry);
        headers.put(X_DEATH, deaths);
        headers.putIfAbsent("x-first-death-reason", reason.headerValue());
        headers.putIfAbsent("x-first-death-queue", queue);
        headers.putIfAbsent("x-first-death-exchange", message.exchange());

        if (deadLetterRoutingKey != null) {
            // The new key replaces every key the message had, so its CC copies must not travel on (RabbitMQ).
            headers.remove("CC");
        }
        String routingKey = deadLetterRoutingKey != null ? deadLetterRoutingKey : message.routingKey();
        MessageProperties newProps = props.withHeaders(headers).withExpiration(null);
        return new Message(deadLetterExchange, routingKey, newProps, message.body());
    }

    /** The extra routing keys of RabbitMQ's sender-selected distribution ({@code CC}, {@code BCC} headers). */
    public static List<String> ccKeys(Map<String, Object> headers) {
        List<String> keys = new ArrayList<>();
        if (headers == null) {
            return keys;
        }
        for (String header : List.of("CC", "BCC")) {
            if (headers.get(header) instanceof List<?> list) {
                for (Object key : list) {
                    String text = FieldValues.asString(key);
                    if (text != null) {
                        keys.add(text);
                    }
                }
            }
        }
        return keys;
    }

    /**
     * Whether dead-lettering into {@code target} would close a loop that no client ever broke: the message
     * already died in {@code target}, and none of the deaths since then was a rejection. RabbitMQ drops
     * the message for such a queue, since it would otherwise circle (e.g. expire) forever.
     */
    public static boolean isAutomaticCycle(Message message, String target) {
        Map<String, Object> headers = message.properties().headers();
        if (headers == null || !(headers.get(X_DEATH) instanceof List<?> deaths)) {
            return false;
        }
        for (Object item : deaths) {
            if (!(item instanceof Map<?, ?> entry)) {
                return false; // not a table: a client wrote this history, so the loop is not automatic
            }
            if (DeathReason.REJECTED.headerValue().equals(FieldValues.asString(entry.get("reason")))) {
                return false;
            }
            if (Objects.equals(target, FieldValues.asString(entry.get("queue")))) {
                return true;
            }
        }
        return false;
    }
}
