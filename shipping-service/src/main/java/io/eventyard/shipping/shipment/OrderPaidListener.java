package io.eventyard.shipping.shipment;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.inbound.ConsumerDefaults;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.inbound.ReliableConsumer;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.shipping.events.OrderPaid;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/**
 * {@code order.paid} → {@link ShipmentService#ship}. The kit reads, validates, de-duplicates on the message
 * id, runs the shipment in the transaction that records the message, and acks after the commit.
 */
@RabbitListener
class OrderPaidListener {

    private final ReliableConsumer consumer;
    private final ShipmentService shipments;

    OrderPaidListener(ReliableConsumer consumer, ShipmentService shipments) {
        this.consumer = consumer;
        this.shipments = shipments;
    }

    @Queue(value = ShopQueues.ORDER_PAID, prefetch = ConsumerDefaults.PREFETCH,
            numberOfConsumers = ConsumerDefaults.CONSUMERS)
    void onOrderPaid(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        consumer.consume(new InboundMessage(ShopQueues.ORDER_PAID, body, properties, envelope),
                OrderPaid.class, ack, (paid, delivery) -> shipments.ship(paid));
    }
}
