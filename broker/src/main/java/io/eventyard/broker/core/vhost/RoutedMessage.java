package io.eventyard.broker.core.vhost;

import java.util.List;

import io.eventyard.broker.core.message.Message;

/** A message with the queues its exchange chose for it (BCC header already removed). */
public record RoutedMessage(Message message, List<String> queues) {
}
