package io.eventyard.payment.refund;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.inbound.ConsumerDefaults;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.inbound.ReliableConsumer;
import io.eventyard.messaging.topology.ShopQueues;
import io.eventyard.payment.events.OrderCancelled;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/** {@code order.cancelled} (queue {@code payment-service.refunds}) → {@link RefundService#refund}. */
@RabbitListener
class OrderCancelledListener {

    private final ReliableConsumer consumer;
    private final RefundService refunds;

    OrderCancelledListener(ReliableConsumer consumer, RefundService refunds) {
        this.consumer = consumer;
        this.refunds = refunds;
    }

    @Queue(value = ShopQueues.PAYMENT_REFUNDS, prefetch = ConsumerDefaults.PREFETCH,
            numberOfConsumers = ConsumerDefaults.CONSUMERS)
    void onOrderCancelled(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        consumer.consume(new InboundMessage(ShopQueues.PAYMENT_REFUNDS, body, properties, envelope),
                OrderCancelled.class, ack, (cancellation, delivery) -> refunds.refund(cancellation));
    }
}
