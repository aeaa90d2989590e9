package io.eventyard.broker.http.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.queue.MessageQueue;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A queue as {@code GET /api/queues} shows it, with RabbitMQ's field names. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
public record QueueView(
        String name,
        String vhost,
        boolean durable,
        boolean autoDelete,
        boolean exclusive,
        Map<String, Object> arguments,
        String type,
        String state,
        long messages,
        long messagesReady,
        long messagesUnacknowledged,
        int consumers) {

    /** Core thread only. */
    static QueueView of(MessageQueue queue) {
        return new QueueView(queue.name(), queue.vhost(), queue.durable(), queue.autoDelete(), queue.exclusive(),
                FieldTableJson.render(queue.arguments()), "classic", "running",
                (long) queue.readyCount() + queue.unackedCount(), queue.readyCount(), queue.unackedCount(),
                queue.consumerCount());
    }
}
