package io.eventyard.broker.core.topic;

/**
 * How a protocol spells topics and subscription patterns.
 *
 * @param separator           the character between levels (words)
 * @param singleLevelWildcard the pattern level that matches exactly one level
 * @param multiLevelWildcard  the pattern level that matches zero or more levels
 * @param dollarTopicsHidden  whether a topic whose first level starts with {@code $} escapes patterns whose
 *                            first level is a wildcard (MQTT 3.1.1 section 4.7.2)
 */
public record TopicSyntax(char separator, String singleLevelWildcard, String multiLevelWildcard,
                          boolean dollarTopicsHidden) {

    /** AMQP topic exchanges, as RabbitMQ: {@code a.*.c}, {@code a.#}. */
    public static final TopicSyntax AMQP = new TopicSyntax('.', "*", "#", false);

    /** MQTT topic filters: {@code a/+/c}, {@code a/#}; {@code $SYS/...} hidden from leading wildcards. */
    public static final TopicSyntax MQTT = new TopicSyntax('/', "+", "#", true);

    public TopicSyntax {
        if (singleLevelWildcard.equals(multiLevelWildcard)) {
            throw new IllegalArgumentException("the two wildcards must differ");
        }
    }
}
