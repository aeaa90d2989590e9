package io.eventyard.broker.mqtt;

/**
 * MQTT topics and filters to and from AMQP routing keys and binding keys on {@code amq.topic}, as RabbitMQ's
 * MQTT plugin maps them: {@code /} and {@code .} swap places, so that MQTT levels become AMQP words and a
 * {@code .} inside an MQTT level survives the round trip as a {@code /} inside an AMQP word. Empty levels stay
 * empty words ({@code a//b} is {@code a..b}). In filters {@code +} becomes {@code *}; {@code #} stays.
 */
final class TopicMapping {

    private TopicMapping() {
    }

    /** {@code home/kitchen/temp} becomes {@code home.kitchen.temp}; {@code v1.2/x} becomes {@code v1/2.x}. */
    static String routingKey(String topic) {
        return swapSeparators(topic);
    }

    /** The inverse of {@link #routingKey(String)}: an AMQP routing key as an MQTT topic. */
    static String topic(String routingKey) {
        return swapSeparators(routingKey);
    }

    /**
     * The AMQP binding key for an MQTT topic filter, or null when the filter is invalid (MQTT 3.1.1 section
     * 4.7.1: wildcards occupy a whole level, {@code #} only the last; a filter is never empty).
     */
    static String bindingKey(String filter) {
        if (!validFilter(filter)) {
            return null;
        }
        String[] levels = filter.split("/", -1);
        StringBuilder key = new StringBuilder(filter.length());
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                key.append('.');
            }
            key.append(levels[i].equals("+") ? "*" : levels[i].replace('.', '/'));
        }
        return key.toString();
    }

    static boolean validFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.indexOf('\u0000') >= 0) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.indexOf('+') >= 0 || level.indexOf('#') >= 0)) {
                return false;
            }
            if (level.equals("#") && i != levels.length - 1) {
                return false;
            }
        }
        return true;
    }

    /** A topic name a client may publish to: not empty, no wildcards (MQTT 3.1.1 section 4.7.3). */
    static boolean validTopic(String topic) {
        return topic != null && !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0
                && topic.indexOf('\u0000') < 0;
    }

    /**
     * Whether {@code filter} matches {@code topic} under MQTT's rules, including that a topic starting with
     * {@code $} is not matched by a filter starting with a wildcard (MQTT 3.1.1 section 4.7.2). Used to keep
     * such topics from subscribers whose AMQP binding matched them, since AMQP has no such rule.
     */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private static String swapSeparators(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '/') {
                chars[i] = '.';
            } else if (chars[i] == '.') {
                chars[i] = '/';
            }
        }
        return new String(chars);
    }
}
