package io.eventyard.broker.core.queue;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.eventyard.broker.core.message.Message;

/** What a queue needs from the virtual host it lives in. */
public interface QueueHost {

    /** Routes {@code message}, which left {@code queue} for {@code reason}, through the queue's dead-letter exchange. */
    void deadLetter(MessageQueue queue, Message message, DeathReason reason);

    /** The queue is no longer wanted (auto-delete after its last consumer, or {@code x-expires}). */
    void deleteUnused(MessageQueue queue);

    ScheduledFuture<?> schedule(Runnable task, Duration delay);

    long nowMillis();
}
