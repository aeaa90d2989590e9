package io.eventyard.payment;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link PaymentServiceIT} against the PostgreSQL server named by {@code POSTGRES_URL}, in a database of its own. */
@EnabledIfEnvironmentVariable(named = "POSTGRES_URL", matches = ".+")
class PaymentServicePostgresIT extends PaymentServiceIT {

    @Override
    TestDatabase newDatabase() throws Exception {
        return TestDatabase.postgres(System.getenv("POSTGRES_URL"));
    }
}
