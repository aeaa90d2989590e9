package io.eventyard.order.saga;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.deadletter.PoisonMessages;
import io.eventyard.messaging.inbound.ConsumerDefaults;
import io.eventyard.messaging.inbound.InboundMessage;
import io.eventyard.messaging.inbound.LogContext;
import io.eventyard.messaging.inbound.ReliableConsumer;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes {@code order-service.saga}. The routing key says which event a message is; the kit's
 * {@link ReliableConsumer} reads and validates it, drops duplicates by message id, runs the step in a
 * transaction with the inbox row and acks after the commit. A routing key the saga does not know is poison.
 */
@RabbitListener
class OrderSagaListener {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaListener.class);

    private final ReliableConsumer consumer;
    private final PoisonMessages poison;
    private final OrderSaga saga;

    OrderSagaListener(ReliableConsumer consumer, PoisonMessages poison, OrderSaga saga) {
        this.consumer = consumer;
        this.poison = poison;
        this.saga = saga;
    }

    @Queue(value = ShopQueues.ORDER_SAGA, prefetch = ConsumerDefaults.PREFETCH,
            numberOfConsumers = ConsumerDefaults.CONSUMERS)
    void on(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        InboundMessage message = new InboundMessage(ShopQueues.ORDER_SAGA, body, properties, envelope);
        switch (String.valueOf(envelope.getRoutingKey())) {
            case RoutingKeys.ORDER_PAID -> consumer.consume(message, OrderPaid.class, ack,
                    (event, delivery) -> forOrder(event.orderId(), () -> saga.paid(event)));
            case RoutingKeys.PAYMENT_FAILED -> consumer.consume(message, PaymentFailed.class, ack,
                    (event, delivery) -> forOrder(event.orderId(), () -> saga.paymentFailed(event)));
            case RoutingKeys.ORDER_SHIPPED -> consumer.consume(message, OrderShipped.class, ack,
                    (event, delivery) -> forOrder(event.orderId(), () -> saga.shipped(event)));
            case RoutingKeys.PAYMENT_REFUNDED -> consumer.consume(message, PaymentRefunded.class, ack,
                    (event, delivery) -> forOrder(event.orderId(), () -> saga.refunded(event)));
            default -> parkUnknown(message, ack);
        }
    }

    private void parkUnknown(InboundMessage message, RabbitAcknowledgement ack) {
        String reason = "order-service.saga does not handle routing key " + message.routingKey();
        try {
            poison.park(message, reason);
            ack.ack();
            LOG.warn("parked {} in shop.dead: {}", message.messageId(), reason);
        } catch (IOException e) {
            // shop.dead unreachable: the queue's dead-letter exchange takes it, never a redelivery loop.
            LOG.error("could not park {} ({}); rejecting it", message.messageId(), e.toString());
            ack.nack(false, false);
        }
    }

    /**
     * Names the order in the log context from the payload: the kit names it from a header the relay sets,
     * which a message from elsewhere may lack.
     */
    private static void forOrder(String orderId, Supplier<?> step) {
        String before = MDC.get(LogContext.ORDER_ID);
        MDC.put(LogContext.ORDER_ID, orderId);
        try {
            step.get();
        } finally {
            if (before == null) {
                MDC.remove(LogContext.ORDER_ID);
            } else {
                MDC.put(LogContext.ORDER_ID, before);
            }
        }
    }
}
