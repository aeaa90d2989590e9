package io.eventyard.messaging.topology;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * Declares the whole shop topology, the same in every service, when the connection opens.
 *
 * <p>Every service declares all of it, not only what it consumes: a publisher needs the queues behind its
 * routing keys to exist before its first message, or the broker would drop that message as unroutable.
 * Declaring is idempotent while the arguments are identical, so the services may start in any order.
 */
@Singleton
public class ShopTopology extends ChannelInitializer {

    private final TopologySettings settings;

    public ShopTopology(TopologySettings settings) {
        this.settings = settings;
    }

    @Override
    public void initialize(Channel channel, String name) throws IOException {
        channel.exchangeDeclare(ShopExchanges.EVENTS, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(ShopExchanges.EMAIL, BuiltinExchangeType.DIRECT, true);
        channel.exchangeDeclare(ShopExchanges.EMAIL_RETRY, BuiltinExchangeType.DIRECT, true);
        channel.exchangeDeclare(ShopExchanges.DEAD, BuiltinExchangeType.FANOUT, true);

        Map<String, Object> poisonToShopDead = Map.of("x-dead-letter-exchange", ShopExchanges.DEAD);
        declare(channel, ShopQueues.ORDER_PLACED, poisonToShopDead);
        bind(channel, ShopQueues.ORDER_PLACED, ShopExchanges.EVENTS, RoutingKeys.ORDER_PLACED);
        declare(channel, ShopQueues.ORDER_PAID, poisonToShopDead);
        bind(channel, ShopQueues.ORDER_PAID, ShopExchanges.EVENTS, RoutingKeys.ORDER_PAID);
        declare(channel, ShopQueues.ORDER_SAGA, poisonToShopDead);
        for (String key : new String[] {RoutingKeys.ORDER_PAID, RoutingKeys.PAYMENT_FAILED,
                RoutingKeys.ORDER_SHIPPED, RoutingKeys.PAYMENT_REFUNDED}) {
            bind(channel, ShopQueues.ORDER_SAGA, ShopExchanges.EVENTS, key);
        }
        declare(channel, ShopQueues.PAYMENT_REFUNDS, poisonToShopDead);
        bind(channel, ShopQueues.PAYMENT_REFUNDS, ShopExchanges.EVENTS, RoutingKeys.ORDER_CANCELLED);
        declare(channel, ShopQueues.SHIPPING_CANCELLATIONS, poisonToShopDead);
        bind(channel, ShopQueues.SHIPPING_CANCELLATIONS, ShopExchanges.EVENTS, RoutingKeys.ORDER_CANCELLED);

        // A rejected e-mail command waits in email.retry for the TTL, then expires back into email.send.
        declare(channel, ShopQueues.EMAIL_SEND, Map.of("x-dead-letter-exchange", ShopExchanges.EMAIL_RETRY));
        bind(channel, ShopQueues.EMAIL_SEND, ShopExchanges.EMAIL, RoutingKeys.EMAIL_SEND);
        declare(channel, ShopQueues.EMAIL_RETRY, Map.of(
                "x-dead-letter-exchange", ShopExchanges.EMAIL,
                "x-message-ttl", settings.getEmailRetryTtl().toMillis()));
        bind(channel, ShopQueues.EMAIL_RETRY, ShopExchanges.EMAIL_RETRY, RoutingKeys.EMAIL_SEND);
        declare(channel, ShopQueues.EMAIL_DEAD, Map.of());

        declare(channel, ShopQueues.SHOP_DEAD, Map.of());
        bind(channel, ShopQueues.SHOP_DEAD, ShopExchanges.DEAD, "");
    }

    private void declare(Channel channel, String queue, Map<String, Object> arguments) throws IOException {
        channel.queueDeclare(queue, true, false, false, settings.getQueueType().arguments(arguments));
    }

    private static void bind(Channel channel, String queue, String exchange, String routingKey) throws IOException {
        channel.queueBind(queue, exchange, routingKey);
    }
}
