package io.eventyard.order.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.annotation.Binding;
import io.micronaut.rabbitmq.annotation.RabbitClient;
import io.micronaut.rabbitmq.annotation.RabbitProperty;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes persistent messages with a message id. Returning a future makes micronaut-rabbitmq put the
 * channel in confirm mode and complete the future only when the broker confirms the message.
 */
@Requires(property = ProbeTopology.EXCHANGE_PROPERTY)
@RabbitClient("${" + ProbeTopology.EXCHANGE_PROPERTY + "}")
@RabbitProperty(name = "deliveryMode", value = "2")
interface ProbeClient {

    CompletableFuture<Void> publish(@Binding String routingKey,
                                    @RabbitProperty("messageId") String messageId,
                                    ProbeMessage message);
}
