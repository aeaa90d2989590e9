package io.eventyard.messaging.inbound;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/** A consumer written the way the services write theirs; its effect is a row in test_effect. */
@Requires(property = "kit-test.listener", value = "true")
@RabbitListener
class TestOrderListener {

    private final ReliableConsumer consumer;
    private final JdbcOperations jdbc;

    TestOrderListener(ReliableConsumer consumer, JdbcOperations jdbc) {
        this.consumer = consumer;
        this.jdbc = jdbc;
    }

    @Queue(ShopQueues.ORDER_PLACED)
    void onOrderPlaced(byte[] body, BasicProperties properties, Envelope envelope, RabbitAcknowledgement ack) {
        consumer.consume(new InboundMessage(ShopQueues.ORDER_PLACED, body, properties, envelope), TestOrder.class,
                ack, (order, delivery) -> {
                    jdbc.prepareStatement("INSERT INTO test_effect (order_id, note) VALUES (?, ?)", statement -> {
                        statement.setString(1, order.orderId());
                        statement.setString(2, delivery.messageId());
                        return statement.executeUpdate();
                    });
                    if (order.fail()) {
                        throw new IllegalStateException("the effect failed for " + order.orderId());
                    }
                });
    }
}
