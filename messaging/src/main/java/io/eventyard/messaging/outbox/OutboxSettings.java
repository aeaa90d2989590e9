package io.eventyard.messaging.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("eventyard.outbox")
public class OutboxSettings {

    private boolean relayEnabled = true;
    private int batchSize = 200;
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration minBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration keepPublished = Duration.ofHours(1);

    /** Whether this instance runs the relay; off in a process that only writes to the outbox. */
    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }

    /** Most messages published per confirm round trip. */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * How often the relay looks for work when nobody woke it. A commit in this process wakes it at once; the
     * poll catches rows written by other processes or left over from a crash.
     */
    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** First wait after a failed publish; it doubles per failure in a row up to {@link #getMaxBackoff()}. */
    public Duration getMinBackoff() {
        return minBackoff;
    }

    public void setMinBackoff(Duration minBackoff) {
        this.minBackoff = minBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** How long published rows stay in the table, for inspection, before they are deleted. */
    public Duration getKeepPublished() {
        return keepPublished;
    }

    public void setKeepPublished(Duration keepPublished) {
        this.keepPublished = keepPublished;
    }
}
