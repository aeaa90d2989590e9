package io.eventyard.broker.mqtt;

import io.eventyard.broker.core.message.Message;

/**
 * A retained MQTT message: the topic it was published to and the message as it went into {@code amq.topic}
 * (properties intact, the routing key being the AMQP form of the topic).
 *
 * @param expiresAtMillis when it stops being retained (epoch millis, from the message's {@code expiration}
 *                        at the time it was retained); {@link Long#MAX_VALUE} for never
 */
public record Retained(String topic, Message message, long expiresAtMillis) {

    /** The milliseconds left before it expires, or -1 when it never does (for 5.0's Message Expiry Interval). */
    public long remainingMillis(long nowMillis) {
        return expiresAtMillis == Long.MAX_VALUE ? -1 : Math.max(0, expiresAtMillis - nowMillis);
    }
}
