package io.eventyard.broker.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * Which connection holds which MQTT client id. A client id names one session, so a second CONNECT with the
 * same id takes it over (MQTT 3.1.1 section 3.1.4, 5.0 section 3.1.4). Core thread only.
 */
final class ClientIdRegistry {

    private final Map<String, MqttConnection> holders = new HashMap<>();

    /** Registers {@code connection} under {@code clientId} and returns the connection it displaces, or null. */
    MqttConnection claim(String clientId, MqttConnection connection) {
        return holders.put(clientId, connection);
    }

    /** Forgets {@code connection}, unless another has taken its id over since. */
    void release(String clientId, MqttConnection connection) {
        holders.remove(clientId, connection);
    }
}
