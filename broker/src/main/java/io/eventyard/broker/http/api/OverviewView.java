package io.eventyard.broker.http.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * {@code GET /api/overview}: RabbitMQ's field names for what this broker knows. Totals cover what the
 * caller may see; {@code message_stats} are broker-wide, so only monitoring users and administrators
 * get them, and so is {@code mqtt_retained_messages} (this broker's own field: retained MQTT messages kept, all
 * vhosts together).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record OverviewView(
        String productName,
        String productVersion,
        List<String> exchangeTypes,
        List<Listener> listeners,
        ObjectTotals objectTotals,
        QueueTotals queueTotals,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable MessageStats messageStats,
        Alarms alarms,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer mqttRetainedMessages) {

    /**
     * The memory and disk alarms with their settings and readings, under the names RabbitMQ's
     * {@code /api/nodes} uses; {@code mem_used} is message memory (see docs/architecture.md, back-pressure).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Alarms(boolean memAlarm, long memUsed, long memLimit, boolean diskFreeAlarm, long diskFree,
                         long diskFreeLimit) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Listener(String protocol, String ipAddress, int port) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ObjectTotals(int connections, int exchanges, int queues, int consumers) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record QueueTotals(long messages, long messagesReady, long messagesUnacknowledged) {
    }

    /** Totals since start; {@code dead_lettered} is this broker's, RabbitMQ 3.10 has no such field. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MessageStats(long publish, long dropUnroutable, long deliverGet, long redeliver, long ack,
                               long deadLettered) {
    }
}
