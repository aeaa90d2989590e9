package io.eventyard.messaging.topology;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings that become queue arguments. A queue argument cannot change once the queue exists (a redeclare
 * with another value is refused with 406), so every service must be given the same values.
 */
@ConfigurationProperties("eventyard.topology")
public class TopologySettings {

    private Duration emailRetryTtl = Duration.ofSeconds(1);
    private QueueType queueType = QueueType.CLASSIC;

    /** How long a failed e-mail command waits in {@code email.retry} per cycle (its x-message-ttl). */
    public Duration getEmailRetryTtl() {
        return emailRetryTtl;
    }

    public void setEmailRetryTtl(Duration emailRetryTtl) {
        this.emailRetryTtl = emailRetryTtl;
    }

    /**
     * {@code CLASSIC} (the default, and all the bundled broker has) or {@code QUORUM} for a RabbitMQ cluster.
     * An existing queue keeps its type: switching means deleting the shop's queues first (RabbitMQ refuses a
     * redeclare of another type with 406).
     */
    public QueueType getQueueType() {
        return queueType;
    }

    public void setQueueType(QueueType queueType) {
        this.queueType = queueType;
    }
}
