package io.eventyard.broker.core.queue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;

/** Messages and queues for the queue tests: queue "q" in vhost "/", messages published to "" with key "q". */
final class QueueFixtures {

    static final String RESOURCE = "queue 'q' in vhost '/'";

    private QueueFixtures() {
    }

    static MessageQueue queue(ManualQueueHost host, Map<String, Object> arguments) {
        return new MessageQueue("/", "q", false, false, null, arguments,
                QueueArguments.parse(arguments, RESOURCE), host);
    }

    static MessageQueue autoDeleteQueue(ManualQueueHost host, Map<String, Object> arguments) {
        return new MessageQueue("/", "q", false, true, null, arguments,
                QueueArguments.parse(arguments, RESOURCE), host);
    }

    static Message message(String body) {
        return new Message("", "q", MessageProperties.EMPTY, body.getBytes(StandardCharsets.UTF_8));
    }

    static Message expiring(String body, String expiration) {
        return new Message("", "q", MessageProperties.EMPTY.withExpiration(expiration),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String body(QueueEntry entry) {
        return new String(entry.message().body(), StandardCharsets.UTF_8);
    }
}
