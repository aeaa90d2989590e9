package io.eventyard.homehub.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** home-hub's own MQTT connection for ingestion ({@code home-hub.mqtt.*}); the broker is {@code mqtt.client.*}'s. */
@ConfigurationProperties("home-hub.mqtt")
public class MqttIngestSettings {

    private boolean enabled = true;
    private String sharedGroup = "home-hub";
    private String clientId;
    private Duration sessionExpiry = Duration.ofHours(1);
    private Duration maxReconnectDelay = Duration.ofSeconds(30);

    /** Off for a process that should not ingest at all (the REST side alone). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The shared subscription group: replicas with the same group share the messages ({@code $share/{group}/...}),
     * each message going to one of them. Empty for plain subscriptions (every replica gets every message).
     */
    @Nullable
    public String getSharedGroup() {
        return sharedGroup;
    }

    public void setSharedGroup(@Nullable String sharedGroup) {
        this.sharedGroup = sharedGroup;
    }

    /** The ingest connection's client id; null for {@code mqtt.client.client-id} + {@code -ingest}. Unique per replica. */
    @Nullable
    public String getClientId() {
        return clientId;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    /**
     * How long the broker keeps the session (subscriptions and QoS 1 messages not yet acknowledged) while
     * home-hub is away; zero for a clean session on every connect.
     */
    public Duration getSessionExpiry() {
        return sessionExpiry;
    }

    public void setSessionExpiry(Duration sessionExpiry) {
        this.sessionExpiry = sessionExpiry;
    }

    /** Longest wait between two connection attempts while the broker is not reachable. */
    public Duration getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(Duration maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }
}
