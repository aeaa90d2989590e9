package io.eventyard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * The consumers of a run, one connection and channel each, spread round-robin over the run's queues.
 * Owned by the thread that runs the scenario; deliveries arrive on the client's dispatch threads.
 */
final class ConsumerGroup {

    private final List<Channel> channels = new ArrayList<>();
    private final Topology topology;
    private final Workload workload;
    private final RunMeters meters;
    private final boolean measureLatency;

    /** Opens the connections and channels and sets the prefetch; consuming starts with {@link #subscribe()}. */
    ConsumerGroup(ClientConnections clients, Topology topology, Workload workload, RunMeters meters,
                  boolean measureLatency) throws IOException, TimeoutException {
        this.topology = topology;
        this.workload = workload;
        this.meters = meters;
        this.measureLatency = measureLatency;
        for (int i = 0; i < workload.consumers(); i++) {
            Connection connection = clients.open("consumer");
            Channel channel = clients.openChannel(connection, "consumer");
            if (!workload.autoAck() && workload.prefetch() > 0) {
                channel.basicQos(workload.prefetch());
            }
            channels.add(channel);
        }
    }

    void subscribe() throws IOException {
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            channel.basicConsume(topology.queueOf(i), workload.autoAck(),
                    new LatencyConsumer(channel, meters, workload, measureLatency));
        }
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }
}
