package io.eventyard.broker.http.metrics;

import java.util.ArrayList;
import java.util.List;

import io.eventyard.broker.core.BrokerConnection;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.MessageCounters;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.vhost.VirtualHost;

/** A copy of the numbers metrics show, taken on the core thread at one instant. */
record BrokerStats(
        int connections,
        int channels,
        List<QueueStats> queues,
        long published,
        long unroutable,
        long delivered,
        long redelivered,
        long acknowledged,
        long deadLettered) {

    static final BrokerStats NONE = new BrokerStats(0, 0, List.of(), 0, 0, 0, 0, 0, 0);

    /** One queue's depth and consumers. */
    record QueueStats(String vhost, String name, int ready, int unacked, int consumers) {
    }

    /** Core thread only. */
    static BrokerStats of(BrokerCore core) {
        List<QueueStats> queues = new ArrayList<>();
        for (VirtualHost vhost : core.virtualHosts()) {
            for (MessageQueue queue : vhost.queues()) {
                queues.add(new QueueStats(vhost.name(), queue.name(), queue.readyCount(), queue.unackedCount(),
                        queue.consumerCount()));
            }
        }
        MessageCounters counters = core.counters();
        int channels = 0;
        for (BrokerConnection connection : core.connections()) {
            channels += connection.details().channels();
        }
        return new BrokerStats(core.connectionCount(), channels, List.copyOf(queues), counters.published(),
                counters.unroutable(), counters.delivered(), counters.redelivered(), counters.acknowledged(),
                counters.deadLettered());
    }
}
