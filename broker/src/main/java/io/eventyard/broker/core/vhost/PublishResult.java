package io.eventyard.broker.core.vhost;

import io.eventyard.broker.core.queue.MessageQueue;

/**
 * What became of one published message.
 *
 * @param routedQueues how many queues the exchange chose (0: unroutable, a mandatory publish is returned)
 * @param rejected     whether a queue refused it ({@code x-overflow=reject-publish}): a confirm is a nack
 * @param syncTicket   the store ticket that must be durable before the message may be confirmed (0: none)
 * @param congested    a queue it went to whose consumers are not keeping up, or null: the publisher should slow down
 */
public record PublishResult(int routedQueues, boolean rejected, long syncTicket, MessageQueue congested) {

    public PublishResult(int routedQueues, boolean rejected, long syncTicket) {
        this(routedQueues, rejected, syncTicket, null);
    }
}
