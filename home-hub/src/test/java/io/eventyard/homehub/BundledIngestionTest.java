package io.eventyard.homehub;

import io.eventyard.messaging.testing.TestDatabase;

/** The ingestion scenarios on the bundled broker and H2. */
class BundledIngestionTest extends IngestionScenarios {

    @Override
    HubUnderTest start() throws Exception {
        return HubUnderTest.bundled(TestDatabase.h2("home-hub"));
    }
}
