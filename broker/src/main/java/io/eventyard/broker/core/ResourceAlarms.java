package io.eventyard.broker.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.vhost.VirtualHost;

/**
 * RabbitMQ's memory and disk alarms. The memory that counts is message memory: bodies held in the heap by
 * queues (ready and not paged out, or delivered and not yet acknowledged), which is what a publisher outrunning
 * its consumers makes grow; the disk that counts is the free space of the data directory. While either alarm
 * is on, connections that publish are blocked (AMQP {@code connection.blocked}, and their sockets are no longer
 * read), while consumers go on consuming, which is what clears a memory alarm. Core thread.
 */
public final class ResourceAlarms {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceAlarms.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

    /**
     * @param memoryHighWatermark message bytes in the heap at which the memory alarm goes on
     * @param dataDir             whose file system is watched; null for none
     * @param diskFreeLimit       free bytes under which the disk alarm goes on
     */
    public record Limits(long memoryHighWatermark, Path dataDir, long diskFreeLimit) {
    }

    /** What the alarms say now, for the HTTP side. */
    public record State(boolean memoryAlarm, long messageMemory, long memoryHighWatermark,
                        boolean diskAlarm, long diskFree, long diskFreeLimit) {

        public boolean blocking() {
            return memoryAlarm || diskAlarm;
        }

        /** The reason AMQP's connection.blocked carries. */
        public String reason() {
            if (memoryAlarm && diskAlarm) {
                return "low on memory and disk";
            }
            return memoryAlarm ? "low on memory" : "low on disk";
        }
    }

    private final BrokerCore core;
    private final Limits limits;
    private State state;
    private boolean stopped;

    public ResourceAlarms(BrokerCore core, Limits limits) {
        this.core = core;
        this.limits = limits;
        this.state = new State(false, 0, limits.memoryHighWatermark(), false, Long.MAX_VALUE, limits.diskFreeLimit());
    }

    public State state() {
        return state;
    }

    /** Checks now and then every {@link #CHECK_INTERVAL}, until {@link #stop()}. */
    public void start() {
        check();
        core.executor().schedule(this::tick, CHECK_INTERVAL);
    }

    public void stop() {
        stopped = true;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        check();
        core.executor().schedule(this::tick, CHECK_INTERVAL);
    }

    /** Measures both resources and tells every connection when the verdict changes. */
    public void check() {
        long memory = 0;
        for (VirtualHost vhost : core.virtualHosts()) {
            for (MessageQueue queue : vhost.queues()) {
                memory += queue.memoryBytes();
            }
        }
        long free = freeDisk();
        State next = new State(memory >= limits.memoryHighWatermark(), memory, limits.memoryHighWatermark(),
                free < limits.diskFreeLimit(), free, limits.diskFreeLimit());
        boolean changed = next.blocking() != state.blocking();
        if (next.memoryAlarm() != state.memoryAlarm()) {
            LOG.warn("memory alarm {}: {} bytes of messages in memory, high watermark {}",
                    next.memoryAlarm() ? "set" : "cleared", memory, limits.memoryHighWatermark());
        }
        if (next.diskAlarm() != state.diskAlarm()) {
            LOG.warn("disk alarm {}: {} bytes free, limit {}", next.diskAlarm() ? "set" : "cleared", free,
                    limits.diskFreeLimit());
        }
        state = next;
        if (changed) {
            for (BrokerConnection connection : core.connections()) {
                connection.alarmsChanged(next);
            }
        }
    }

    private long freeDisk() {
        if (limits.dataDir() == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Files.getFileStore(limits.dataDir()).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: do not block publishers on a guess
        }
    }
}
