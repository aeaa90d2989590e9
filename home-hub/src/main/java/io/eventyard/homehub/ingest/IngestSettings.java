package io.eventyard.homehub.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How ingested messages are buffered and written ({@code home-hub.ingest.*}). */
@ConfigurationProperties("home-hub.ingest")
public class IngestSettings {

    private int batchSize = 500;
    private Duration maxDelay = Duration.ofMillis(200);
    private int bufferCapacity = 5_000;
    private int maxAttempts = 5;
    private int rejectedKeep = 10_000;

    /** Most messages written per flush (one JDBC batch per table). */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Longest a message waits in the buffer before its batch is written. */
    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    /**
     * Messages the buffer holds at most. When it is full the MQTT callback waits, so the client stops reading
     * and the broker keeps the rest (flow control) instead of this process growing without limit.
     */
    public int getBufferCapacity() {
        return bufferCapacity;
    }

    public void setBufferCapacity(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
    }

    /** Tries of a batch write before its messages are written one by one (to find one the database refuses). */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Rejected payloads kept for {@code GET /rejected}; older ones are deleted. */
    public int getRejectedKeep() {
        return rejectedKeep;
    }

    public void setRejectedKeep(int rejectedKeep) {
        this.rejectedKeep = rejectedKeep;
    }
}
