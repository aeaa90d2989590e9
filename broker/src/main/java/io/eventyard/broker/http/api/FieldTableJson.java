package io.eventyard.broker.http.api;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventyard.broker.core.message.LongString;

/**
 * Renders a table in the {@link io.eventyard.broker.core.message.FieldValues} model (queue and exchange
 * arguments, binding arguments) as plain JSON values, the way RabbitMQ's management API shows them:
 * numbers and booleans as themselves, timestamps as seconds since the epoch, text as text, and bytes
 * that are not UTF-8 as {@code "Invalid UTF-8, base64 is: ..."}. The result is a fresh copy, safe to
 * hand off the core thread.
 */
final class FieldTableJson {

    private FieldTableJson() {
    }

    static Map<String, Object> render(Map<String, Object> table) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (table != null) {
            table.forEach((key, value) -> json.put(key, renderValue(value)));
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Object renderValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Long
                || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Float || value instanceof Double) {
            double number = ((Number) value).doubleValue();
            // JSON has no NaN or infinity.
            return Double.isFinite(number) ? value : String.valueOf(number);
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof LongString longString) {
            return text(longString.bytes());
        }
        if (value instanceof byte[] bytes) {
            return text(bytes);
        }
        if (value instanceof Map<?, ?> nested) {
            return render((Map<String, Object>) nested);
        }
        if (value instanceof List<?> list) {
            List<Object> json = new ArrayList<>(list.size());
            list.forEach(item -> json.add(renderValue(item)));
            return json;
        }
        return String.valueOf(value);
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return "Invalid UTF-8, base64 is: " + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
