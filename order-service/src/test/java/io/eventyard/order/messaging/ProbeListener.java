package io.eventyard.order.messaging;

import com.rabbitmq.client.Envelope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.messaging.Acknowledgement;
import io.micronaut.messaging.annotation.MessageBody;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.annotation.RabbitProperty;

/**
 * Consumes with manual acknowledgement: taking an {@link Acknowledgement} parameter turns micronaut-rabbitmq's
 * auto-ack off, and the ack is sent only after the effect (recording the delivery) has happened.
 */
@Requires(property = ProbeTopology.QUEUE_PROPERTY)
@RabbitListener
class ProbeListener {

    private final ProbeDeliveries deliveries;

    ProbeListener(ProbeDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Queue("${" + ProbeTopology.QUEUE_PROPERTY + "}")
    void receive(@MessageBody ProbeMessage message,
                 @RabbitProperty("messageId") String messageId,
                 Envelope envelope,
                 Acknowledgement acknowledgement) {
        deliveries.record(new ProbeDeliveries.Delivery(messageId, message, envelope.isRedeliver()));
        acknowledgement.ack();
    }
}
