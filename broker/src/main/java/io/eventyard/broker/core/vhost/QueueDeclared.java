package io.eventyard.broker.core.vhost;

/** The answer to a queue declaration: the name (server-generated when none was given) and its counts. */
public record QueueDeclared(String name, int messageCount, int consumerCount) {
}
