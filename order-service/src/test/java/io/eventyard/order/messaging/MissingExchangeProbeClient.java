package io.eventyard.order.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.annotation.Binding;
import io.micronaut.rabbitmq.annotation.RabbitClient;
import io.micronaut.rabbitmq.annotation.RabbitProperty;
import java.util.concurrent.CompletableFuture;

/** Publishes to an exchange that does not exist: the broker closes the channel and never confirms. */
@Requires(property = ProbeTopology.MISSING_EXCHANGE_PROPERTY)
@RabbitClient("${" + ProbeTopology.MISSING_EXCHANGE_PROPERTY + "}")
interface MissingExchangeProbeClient {

    CompletableFuture<Void> publish(@Binding String routingKey,
                                    @RabbitProperty("messageId") String messageId,
                                    ProbeMessage message);
}
