package io.eventyard.messaging.inbound;

/** What a consumer does with a message; runs inside the transaction that also records it in the inbox. */
@FunctionalInterface
public interface MessageEffect<T> {

    void apply(T message, InboundMessage delivery) throws Exception;
}
