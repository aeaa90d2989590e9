package io.eventyard.homehub;

import io.eventyard.messaging.testing.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The ingestion scenarios with home-hub's MQTT connection on the Mosquitto named by MQTT_COMPAT_URI
 * ({@code tcp://[user:secret@]host:port}): a shared group, client ids and rooms/vehicles of this run only.
 */
@EnabledIfEnvironmentVariable(named = "MQTT_COMPAT_URI", matches = "tcp://.+")
class MosquittoIngestionTest extends IngestionScenarios {

    @Override
    HubUnderTest start() throws Exception {
        return HubUnderTest.on(System.getenv("MQTT_COMPAT_URI"), TestDatabase.h2("home-hub"));
    }
}
