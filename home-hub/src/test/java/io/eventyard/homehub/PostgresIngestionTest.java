package io.eventyard.homehub;

import io.eventyard.messaging.testing.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The ingestion scenarios on the bundled broker and a fresh database on the PostgreSQL of POSTGRES_URL. */
@EnabledIfEnvironmentVariable(named = "POSTGRES_URL", matches = "jdbc:postgresql:.*")
class PostgresIngestionTest extends IngestionScenarios {

    @Override
    HubUnderTest start() throws Exception {
        return HubUnderTest.bundled(TestDatabase.postgres(System.getenv("POSTGRES_URL"), "home_hub"));
    }
}
