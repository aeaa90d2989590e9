package io.eventyard.order.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * The exchange, queue and binding one messaging check runs on. Names are unique per run, because the
 * compatibility broker is shared with other people and runs.
 *
 * @param exchange        a durable topic exchange, like {@code shop.events}
 * @param queue           a durable queue bound to it, like {@code order.placed}
 * @param routingKey      the binding key, used as the publish routing key
 * @param missingExchange a name no one declares, to see a publish fail
 */
record ProbeTopology(String exchange, String queue, String routingKey, String missingExchange) {

    static final String PREFIX = "eventyard.probe";
    static final String EXCHANGE_PROPERTY = PREFIX + ".exchange";
    static final String QUEUE_PROPERTY = PREFIX + ".queue";
    static final String ROUTING_KEY_PROPERTY = PREFIX + ".routing-key";
    static final String MISSING_EXCHANGE_PROPERTY = PREFIX + ".missing-exchange";

    static ProbeTopology unique() {
        String run = UUID.randomUUID().toString();
        return new ProbeTopology(
                "eventyard.it.events." + run,
                "eventyard.it.order.placed." + run,
                "order.placed",
                "eventyard.it.missing." + run);
    }

    Map<String, Object> asProperties() {
        return Map.of(
                EXCHANGE_PROPERTY, exchange,
                QUEUE_PROPERTY, queue,
                ROUTING_KEY_PROPERTY, routingKey,
                MISSING_EXCHANGE_PROPERTY, missingExchange);
    }

    void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueBind(queue, exchange, routingKey);
    }

    void delete(Channel channel) throws IOException {
        channel.queueDelete(queue);
        channel.exchangeDelete(exchange);
    }
}
