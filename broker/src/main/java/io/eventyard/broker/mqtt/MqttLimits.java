package io.eventyard.broker.mqtt;

/**
 * The bounds the broker sets on MQTT sessions and connections.
 *
 * @param maxSessionExpirySeconds the longest a persistent session outlives its connection: a 5.0 client's
 *                                longer (or infinite) request is cut to it, and a 3.1.1 persistent session
 *                                gets it (as RabbitMQ's {@code mqtt.max_session_expiry_interval_seconds})
 * @param maxQueuedMessages       messages a persistent session's queue holds while the client is away; past
 *                                it the oldest are dropped (a device wants the newest readings)
 * @param receiveMaximum          QoS 1 and 2 PUBLISH packets a 5.0 client may have unacknowledged towards
 *                                the broker (announced in CONNACK; one more ends the connection, 0x93)
 * @param maxOutboundInflight     QoS 1 and 2 PUBLISH packets the broker has unacknowledged towards a client,
 *                                at most; a 5.0 client's receive maximum may lower it
 * @param topicAliasMaximum       topic aliases a 5.0 client may set towards the broker
 * @param maxKeepAliveSeconds     the longest keep alive a 5.0 client gets; a longer or absent (0) one is
 *                                replaced by it and announced as the server keep alive
 */
public record MqttLimits(long maxSessionExpirySeconds, int maxQueuedMessages, int receiveMaximum,
                         int maxOutboundInflight, int topicAliasMaximum, int maxKeepAliveSeconds) {

    public static final MqttLimits DEFAULTS = new MqttLimits(86_400, 100_000, 1024, 1024, 64, 65_535);

    public MqttLimits {
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be in 1..65535, was " + receiveMaximum);
        }
        if (maxOutboundInflight < 1 || maxOutboundInflight > 65_535) {
            throw new IllegalArgumentException("maxOutboundInflight must be in 1..65535, was " + maxOutboundInflight);
        }
        if (topicAliasMaximum < 0 || topicAliasMaximum > 65_535) {
            throw new IllegalArgumentException("topicAliasMaximum must be in 0..65535, was " + topicAliasMaximum);
        }
        if (maxKeepAliveSeconds < 1 || maxKeepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("maxKeepAliveSeconds must be in 1..65535, was " + maxKeepAliveSeconds);
        }
    }

    /** The keep alive a client gets for the one it asked for (0: none asked). */
    int keepAliveFor(int requested, boolean mqtt5) {
        if (!mqtt5) {
            return requested; // 3.1.1 has no way to tell the client another value
        }
        return requested == 0 || requested > maxKeepAliveSeconds ? maxKeepAliveSeconds : requested;
    }
}
