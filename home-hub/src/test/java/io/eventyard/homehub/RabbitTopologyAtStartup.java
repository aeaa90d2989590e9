package io.eventyard.homehub;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Tests only: creates home-hub's AMQP channel pool at startup, which declares the shop topology (ShopTopology),
 * because ServiceUnderTest waits for {@code shop.events} before it hands the service to a test. home-hub itself
 * opens it only once something publishes over AMQP.
 */
@Singleton
@Requires(env = Environment.TEST)
class RabbitTopologyAtStartup {

    private final BeanContext context;

    RabbitTopologyAtStartup(BeanContext context) {
        this.context = context;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            context.getBean(io.micronaut.rabbitmq.connect.ChannelPool.class);
        } catch (RuntimeException e) {
            // no broker (HealthEndpointTest): nothing to declare
        }
    }
}
