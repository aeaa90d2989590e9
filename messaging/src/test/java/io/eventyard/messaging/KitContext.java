package io.eventyard.messaging;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A Micronaut context with the messaging kit, a fresh in-memory H2 database and the given broker. */
public final class KitContext {

    private KitContext() {
    }

    public static ApplicationContext start(int amqpPort, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.application.name", "kit-test");
        properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F");
        properties.put("rabbitmq.network-recovery-interval", "200");
        properties.put("datasources.default.url",
                "jdbc:h2:mem:kit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        properties.put("datasources.default.driver-class-name", "org.h2.Driver");
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        properties.put("datasources.default.dialect", "H2");
        properties.put("flyway.datasources.default.enabled", "true");
        properties.put("flyway.datasources.default.locations", "classpath:db/messaging,classpath:db/kittest");
        properties.put("otel.traces.exporter", "none");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.put("eventyard.outbox.min-backoff", "50ms");
        properties.put("eventyard.outbox.max-backoff", "500ms");
        properties.put("eventyard.publisher.confirm-timeout", "2s");
        properties.putAll(extra);
        return ApplicationContext.builder().environments("test").properties(properties).start();
    }
}
