package io.eventyard.shipping;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link ShippingServiceIT} against the PostgreSQL server named by {@code POSTGRES_URL}, in a database of its own. */
@EnabledIfEnvironmentVariable(named = "POSTGRES_URL", matches = ".+")
class ShippingServicePostgresIT extends ShippingServiceIT {

    @Override
    TestDatabase newDatabase() throws Exception {
        return TestDatabase.postgres(System.getenv("POSTGRES_URL"));
    }
}
