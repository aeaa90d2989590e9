package io.eventyard.homehub.ingest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code mqtt-ingest} in {@code /health} and {@code /health/readiness}: DOWN while the ingest connection is not
 * up. Not in {@code /health/liveness}: home-hub keeps running and reconnecting without a broker, and a restart
 * would not bring the broker back.
 */
@Singleton
@Readiness
@Requires(beans = MqttIngestClient.class)
class MqttIngestHealth implements HealthIndicator {

    private final MqttIngestClient client;

    MqttIngestHealth(MqttIngestClient client) {
        this.client = client;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean connected = client.isConnected();
        return Publishers.just(HealthResult.builder("mqtt-ingest", connected ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("connected", connected, "filters", client.filters()))
                .build());
    }
}
