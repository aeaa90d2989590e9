package io.eventyard.homehub.alerts;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * The messaging kit declares the exchanges and queues ({@code ShopTopology}) when the RabbitMQ channel pool is
 * created. The shop's services create it for their listeners; home-hub only sends e-mail commands and listens to
 * nothing, so without this the pool, and with it the {@code email} exchange, might never exist and the outbox
 * relay's publications would fail. When the broker is down at startup, micronaut-rabbitmq declares on reconnect.
 */
@Singleton
class ShopTopologyOnStartup {

    private final BeanProvider<ChannelPool> channels;

    ShopTopologyOnStartup(BeanProvider<ChannelPool> channels) {
        this.channels = channels;
    }

    @EventListener
    void declare(StartupEvent event) {
        channels.get();
    }
}
