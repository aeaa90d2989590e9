package io.eventyard.broker.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * The broker's MQTT sessions by client id. A client id names one session, so a second CONNECT with the same
 * id takes it over (MQTT 5.0 section 3.1.4); a persistent session stays here between connections until it
 * expires. One per broker, core thread only.
 */
final class SessionRegistry {

    private final Map<String, MqttSession> sessions = new HashMap<>();

    MqttSession get(String clientId) {
        return sessions.get(clientId);
    }

    void put(MqttSession session) {
        sessions.put(session.clientId(), session);
    }

    /** Forgets {@code session}, unless another has taken its client id since. */
    void remove(MqttSession session) {
        sessions.remove(session.clientId(), session);
    }
}
