package io.eventyard.homehub.live;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.eventyard.messaging.testing.TestDatabase;

/** {@link StoredActivityTest} on a fresh PostgreSQL database of the server {@code POSTGRES_URL} names. */
@EnabledIfEnvironmentVariable(named = "POSTGRES_URL", matches = ".+")
class StoredActivityOnPostgresTest extends StoredActivityTest {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres(System.getenv("POSTGRES_URL"), "home_hub_live");
    }
}
