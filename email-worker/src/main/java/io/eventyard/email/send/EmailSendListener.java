package io.eventyard.email.send;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.inbound.ConsumerDefaults;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/** Takes {@code email.send} deliveries off the queue and hands them over; acks are manual. */
@RabbitListener
public class EmailSendListener {

    private final EmailCommandHandler handler;

    public EmailSendListener(EmailCommandHandler handler) {
        this.handler = handler;
    }

    @Queue(value = ShopQueues.EMAIL_SEND, prefetch = ConsumerDefaults.PREFETCH,
            numberOfConsumers = ConsumerDefaults.CONSUMERS)
    void on(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        handler.handle(new InboundMessage(ShopQueues.EMAIL_SEND, body, properties, envelope), ack);
    }
}
