package io.eventyard.messaging.deadletter;

import com.rabbitmq.client.AMQP;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.publish.ConfirmedPublisher;
import io.eventyard.messaging.topology.ShopExchanges;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Parks a message that cannot be processed in {@code shop.dead}, with the reason in a header, so that it is
 * neither redelivered forever nor silently dropped.
 *
 * <p>The broker's own dead-lettering (reject without requeue) would only say "rejected"; a copy published by
 * us can say why. The copy is confirmed before the caller acks the original, so a crash in between leaves a
 * duplicate in the parking lot, never a loss.
 */
@Singleton
public class PoisonMessages {

    public static final String REASON_HEADER = "x-eventyard-reason";
    public static final String QUEUE_HEADER = "x-eventyard-queue";
    public static final String PARKED_AT_HEADER = "x-eventyard-parked-at";

    private final ConfirmedPublisher publisher;

    public PoisonMessages(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** Publishes a copy of the message to {@code shop.dead} and waits for the broker's confirm. */
    public void park(InboundMessage message, String reason) throws IOException {
        publisher.publish(ShopExchanges.DEAD, message.routingKey() == null ? "" : message.routingKey(),
                withReason(message, reason), message.body());
    }

    /** The message's properties plus the reason, the queue it came from and when it was parked. */
    public static AMQP.BasicProperties withReason(InboundMessage message, String reason) {
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put(REASON_HEADER, reason);
        headers.put(QUEUE_HEADER, message.queue());
        headers.put(PARKED_AT_HEADER, Instant.now().toString());
        return message.amqpProperties().builder().headers(headers).deliveryMode(2).build();
    }
}
