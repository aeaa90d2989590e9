package io.eventyard.homehub.alerts;

import io.eventyard.messaging.testing.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link AlertsTest} on a fresh PostgreSQL database of the server {@code POSTGRES_URL} names (set by .ci/run). */
@EnabledIfEnvironmentVariable(named = "POSTGRES_URL", matches = ".+")
class AlertsOnPostgresTest extends AlertsTest {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres(System.getenv("POSTGRES_URL"), "home_hub_alerts");
    }
}
