package io.eventyard.broker.http.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

/**
 * The form of a stateless publish, with statelessd's field names: {@code body} (the payload, as UTF-8)
 * and the basic properties {@code content_type}, {@code content_encoding}, {@code headers} (a JSON object),
 * {@code delivery_mode}, {@code priority}, {@code correlation_id}, {@code reply_to}, {@code expiration}
 * (statelessd's {@code expire} too), {@code message_id}, {@code timestamp}, {@code type}, {@code user_id},
 * {@code app_id}. A property given empty is absent, as in statelessd. Unlike statelessd, an unknown field
 * is an error rather than ignored: {@code content-type} for {@code content_type} would otherwise be lost
 * without a word.
 */
record PublishForm(MessageProperties properties, byte[] body) {

    private static final Set<String> FIELDS = Set.of("body", "content_type", "content_encoding", "headers",
            "delivery_mode", "priority", "correlation_id", "reply_to", "expiration", "expire", "message_id",
            "timestamp", "type", "user_id", "app_id");
    private static final int SHORTSTR_MAX = 255;

    /**
     * Reads and checks {@code form} (values are strings, lists of strings when a field repeats) for a publish
     * by {@code user}; a {@link PublishProblem} names the first bad field.
     */
    static PublishForm read(Map<String, Object> form, String user, JsonMapper json) {
        for (String field : form.keySet()) {
            if (!FIELDS.contains(field)) {
                throw PublishProblem.badField(field, "unknown field '" + field + "'; the fields are " + FIELDS);
            }
        }
        Fields fields = new Fields(form);
        String body = fields.text("body");
        if (body == null) {
            throw PublishProblem.badField("body", "body is missing: the message payload is the form field 'body'");
        }
        String userId = fields.shortString("user_id");
        if (userId != null && !userId.equals(user)) {
            throw PublishProblem.badField("user_id", "user_id '" + userId + "' is not the authenticated user '"
                    + user + "'");
        }
        String expiration = fields.expiration();
        MessageProperties properties = new MessageProperties(
                fields.shortString("content_type"),
                fields.shortString("content_encoding"),
                fields.headers(json),
                fields.integer("delivery_mode", 1, 2),
                fields.integer("priority", 0, 255),
                fields.shortString("correlation_id"),
                fields.shortString("reply_to"),
                expiration,
                fields.shortString("message_id"),
                fields.timestamp(),
                fields.shortString("type"),
                userId,
                fields.shortString("app_id"),
                null);
        return new PublishForm(properties, body.getBytes(StandardCharsets.UTF_8));
    }

    Message toMessage(PublishTarget target) {
        return new Message(target.exchange(), target.routingKey(), properties, body);
    }

    /** The form's values, field by field; an empty optional value counts as absent. */
    private static final class Fields {

        private final Map<String, Object> form;

        Fields(Map<String, Object> form) {
            this.form = form;
        }

        String text(String field) {
            Object value = form.get(field);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            if (value instanceof List<?>) {
                throw PublishProblem.badField(field, field + " is given more than once");
            }
            throw PublishProblem.badField(field, field + " must be a text field");
        }

        private String optional(String field) {
            String value = text(field);
            return value == null || value.isEmpty() ? null : value;
        }

        String shortString(String field) {
            String value = optional(field);
            if (value != null && value.getBytes(StandardCharsets.UTF_8).length > SHORTSTR_MAX) {
                throw PublishProblem.badField(field, field + " is longer than " + SHORTSTR_MAX
                        + " bytes (an AMQP short string)");
            }
            return value;
        }

        Integer integer(String field, int min, int max) {
            String value = optional(field);
            if (value == null) {
                return null;
            }
            try {
                int number = Integer.parseInt(value.trim());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw PublishProblem.badField(field, field + " must be a whole number from " + min + " to " + max
                    + ", was '" + value + "'");
        }

        // RabbitMQ refuses an expiration that is not a non-negative whole number of milliseconds.
        String expiration() {
            String expiration = shortString("expiration");
            String expire = shortString("expire");
            if (expiration != null && expire != null && !expiration.equals(expire)) {
                throw PublishProblem.badField("expire", "expire (statelessd's name) and expiration differ");
            }
            String field = expiration != null ? "expiration" : "expire";
            String value = expiration != null ? expiration : expire;
            if (value != null && !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw PublishProblem.badField(field, field + " must be a whole number of milliseconds, was '"
                        + value + "'");
            }
            return value;
        }

        Long timestamp() {
            String value = optional("timestamp");
            if (value == null) {
                return null;
            }
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds >= 0) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw PublishProblem.badField("timestamp", "timestamp must be seconds since the epoch, was '"
                    + value + "'");
        }

        Map<String, Object> headers(JsonMapper json) {
            String value = optional("headers");
            if (value == null) {
                return null;
            }
            JsonNode tree;
            try {
                tree = json.readValue(value, JsonNode.class);
            } catch (IOException | RuntimeException e) {
                throw PublishProblem.badField("headers", "headers must be a JSON object: " + e.getMessage());
            }
            if (tree == null || !tree.isObject()) {
                throw PublishProblem.badField("headers", "headers must be a JSON object, like {\"x-retries\":3}");
            }
            return table(tree);
        }

        // JSON to the field value model as RabbitMQ's management API maps it: whole numbers are longs,
        // other numbers doubles, objects tables, arrays arrays.
        private static Map<String, Object> table(JsonNode object) {
            Map<String, Object> table = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : object.entries()) {
                table.put(entry.getKey(), value(entry.getValue()));
            }
            return table;
        }

        private static Object value(JsonNode node) {
            if (node.isNull()) {
                return null;
            }
            if (node.isBoolean()) {
                return node.getBooleanValue();
            }
            if (node.isString()) {
                return node.getStringValue();
            }
            if (node.isNumber()) {
                return number(node.getNumberValue());
            }
            if (node.isArray()) {
                List<Object> array = new ArrayList<>(node.size());
                node.values().forEach(item -> array.add(value(item)));
                return array;
            }
            return table(node);
        }

        private static Object number(Number number) {
            if (number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte) {
                return number.longValue();
            }
            if (number instanceof BigInteger big) {
                if (big.bitLength() < Long.SIZE) {
                    return big.longValue();
                }
                throw PublishProblem.badField("headers", "header value " + big + " does not fit in 64 bits");
            }
            if (number instanceof BigDecimal decimal) {
                return decimal.doubleValue();
            }
            return number.doubleValue();
        }
    }
}
