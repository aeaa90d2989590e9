package io.eventyard.order.messaging;

import com.rabbitmq.client.Channel;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Declares the probe topology when the channel pool opens, the way the services will declare theirs. */
@Singleton
@Requires(property = ProbeTopology.QUEUE_PROPERTY)
class ProbeTopologyDeclarer extends ChannelInitializer {

    private final ProbeTopology topology;

    ProbeTopologyDeclarer(@Value("${" + ProbeTopology.EXCHANGE_PROPERTY + "}") String exchange,
                          @Value("${" + ProbeTopology.QUEUE_PROPERTY + "}") String queue,
                          @Value("${" + ProbeTopology.ROUTING_KEY_PROPERTY + "}") String routingKey,
                          @Value("${" + ProbeTopology.MISSING_EXCHANGE_PROPERTY + "}") String missingExchange) {
        this.topology = new ProbeTopology(exchange, queue, routingKey, missingExchange);
    }

    @Override
    public void initialize(Channel channel, String name) throws IOException {
        topology.declare(channel);
    }
}
