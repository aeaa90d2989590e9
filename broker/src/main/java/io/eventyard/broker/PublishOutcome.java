package io.eventyard.broker;

/**
 * How the broker answered a publish made through {@link Broker#publish}: what a publisher confirm would
 * have said.
 *
 * @param routed   whether any queue took the message (false: unroutable)
 * @param rejected whether a queue refused it ({@code x-overflow=reject-publish}): a confirm would be a nack
 */
public record PublishOutcome(boolean routed, boolean rejected) {
}
