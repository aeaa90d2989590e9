package io.eventyard.payment.charge;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.inbound.ConsumerDefaults;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.inbound.ReliableConsumer;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.payment.events.OrderPlaced;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/**
 * {@code order.placed} → {@link ChargeService#charge}. The kit reads, validates, de-duplicates on the message
 * id, runs the charge in the transaction that records the message, and acks after the commit.
 */
@RabbitListener
class OrderPlacedListener {

    private final ReliableConsumer consumer;
    private final ChargeService charges;

    OrderPlacedListener(ReliableConsumer consumer, ChargeService charges) {
        this.consumer = consumer;
        this.charges = charges;
    }

    @Queue(value = ShopQueues.ORDER_PLACED, prefetch = ConsumerDefaults.PREFETCH,
            numberOfConsumers = ConsumerDefaults.CONSUMERS)
    void onOrderPlaced(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        consumer.consume(new InboundMessage(ShopQueues.ORDER_PLACED, body, properties, envelope),
                OrderPlaced.class, ack, (order, delivery) -> charges.charge(order));
    }
}
