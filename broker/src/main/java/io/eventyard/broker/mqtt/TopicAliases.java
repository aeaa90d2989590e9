package io.eventyard.broker.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * The 5.0 topic aliases of one connection, both ways (MQTT 5.0 section 3.3.2.3.4). Aliases live and die with
 * the network connection, never with the session. Core thread.
 */
final class TopicAliases {

    /** What an inbound alias resolved to: the topic, or the reason code to disconnect with. */
    record Resolved(String topic, int reason) {
    }

    private final String[] inbound;
    private final int outboundMaximum;
    private final Map<String, Integer> outbound = new HashMap<>();

    /**
     * @param inboundMaximum  the aliases this broker accepts (its CONNACK's Topic Alias Maximum)
     * @param outboundMaximum the aliases the client accepts (its CONNECT's Topic Alias Maximum)
     */
    TopicAliases(int inboundMaximum, int outboundMaximum) {
        this.inbound = new String[inboundMaximum + 1];
        this.outboundMaximum = outboundMaximum;
    }

    /** The topic of an inbound PUBLISH with {@code alias} (0: none) and {@code topic} (empty: the alias alone). */
    Resolved resolve(String topic, int alias) {
        if (alias == 0) {
            return new Resolved(topic, 0);
        }
        if (alias >= inbound.length) {
            return new Resolved(null, 0x94); // topic alias invalid
        }
        if (topic.isEmpty()) {
            String known = inbound[alias];
            return known == null ? new Resolved(null, 0x82) : new Resolved(known, 0);
        }
        inbound[alias] = topic;
        return new Resolved(topic, 0);
    }

    /**
     * The alias to send {@code topic} with: {@code -alias} when the alias is new (send topic and alias),
     * {@code +alias} when the client knows it (send the alias alone), 0 when aliases are used up or not offered.
     * The first topics take the aliases and keep them: device telemetry repeats a small set of topics.
     */
    int outbound(String topic) {
        Integer known = outbound.get(topic);
        if (known != null) {
            return known;
        }
        if (outbound.size() >= outboundMaximum) {
            return 0;
        }
        int alias = outbound.size() + 1;
        outbound.put(topic, alias);
        return -alias;
    }
}
