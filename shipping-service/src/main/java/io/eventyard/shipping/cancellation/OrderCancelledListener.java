package io.eventyard.shipping.cancellation;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.inbound.ConsumerDefaults;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.inbound.ReliableConsumer;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.shipping.events.OrderCancelled;
import io.eventyard.shipping.shipment.ShipmentService;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/** {@code order.cancelled} → {@link ShipmentService#holdBack}: a cancelled order is not shipped. */
@RabbitListener
class OrderCancelledListener {

    private final ReliableConsumer consumer;
    private final ShipmentService shipments;

    OrderCancelledListener(ReliableConsumer consumer, ShipmentService shipments) {
        this.consumer = consumer;
        this.shipments = shipments;
    }

    @Queue(value = ShopQueues.SHIPPING_CANCELLATIONS, prefetch = ConsumerDefaults.PREFETCH,
            numberOfConsumers = ConsumerDefaults.CONSUMERS)
    void onOrderCancelled(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        consumer.consume(new InboundMessage(ShopQueues.SHIPPING_CANCELLATIONS, body, properties, envelope),
                OrderCancelled.class, ack, (cancelled, delivery) -> shipments.holdBack(cancelled));
    }
}
