package io.eventyard.order.messaging;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the probe listener received, in order. Written by consumer threads, read by the test. */
@Singleton
@Requires(property = ProbeTopology.QUEUE_PROPERTY)
class ProbeDeliveries {

    record Delivery(String messageId, ProbeMessage message, boolean redelivered) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    void record(Delivery delivery) {
        deliveries.add(delivery);
    }

    List<Delivery> all() {
        return List.copyOf(deliveries);
    }
}
