package io.eventyard.messaging.publish;

import com.rabbitmq.client.AMQP;

/** One message to publish: where to, its properties and its body. */
public record Publication(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
}
