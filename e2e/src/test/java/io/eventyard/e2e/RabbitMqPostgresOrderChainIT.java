package io.eventyard.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/**
 * The same order chain on the real RabbitMQ and PostgreSQL of this machine, configured by nothing but
 * settings: {@code AMQP_COMPAT_URI} (e.g. {@code amqp://guest:guest@host:port/%2F}) and
 * {@code POSTGRES_URL} (e.g. {@code jdbc:postgresql://host:port/postgres?user=postgres}); skipped
 * when either is unset. Each run gets its own virtual host and databases, deleted afterwards.
 */
class RabbitMqPostgresOrderChainIT extends OrderChainContract {

    @Override
    protected MessageBroker broker(Path dataDir) {
        String uri = System.getenv("AMQP_COMPAT_URI");
        assumeTrue(uri != null && !uri.isBlank(), "AMQP_COMPAT_URI is not set");
        assumeTrue(System.getenv("POSTGRES_URL") != null, "POSTGRES_URL is not set");
        return new RabbitMqBroker(uri);
    }

    @Override
    protected ServiceDatabases databases(Path dataDir) {
        return ServiceDatabases.postgres(System.getenv("POSTGRES_URL"));
    }
}
