package io.eventyard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * The queues (and fanout exchange) of one run, named uniquely for it so that runs never share state and
 * whatever a run creates on a real broker can be deleted after it.
 *
 * <p>Each queue also carries {@code x-expires}: should the process die before deleting it, the broker
 * drops it once it has been unused that long.
 */
final class Topology {

    static final int SAFETY_EXPIRY_MILLIS = 10 * 60 * 1000;

    private final String exchange;
    private final List<String> queues;

    private Topology(String exchange, List<String> queues) {
        this.exchange = exchange;
        this.queues = List.copyOf(queues);
    }

    /**
     * Declares the queues {@code prefix-q1..qN} (durable when messages are persistent) and, for fanout,
     * the auto-delete exchange {@code prefix-fanout} bound to all of them.
     */
    static Topology declare(Connection admin, String prefix, Workload workload)
            throws IOException, TimeoutException {
        try (Channel channel = admin.createChannel()) {
            List<String> queues = new ArrayList<>();
            for (int i = 1; i <= workload.queues(); i++) {
                String queue = prefix + "-q" + i;
                channel.queueDeclare(queue, workload.persistent(), false, false,
                        Map.of("x-expires", SAFETY_EXPIRY_MILLIS));
                queues.add(queue);
            }
            String exchange = "";
            if (workload.fanout()) {
                exchange = prefix + "-fanout";
                channel.exchangeDeclare(exchange, "fanout", workload.persistent(), true, null);
                for (String queue : queues) {
                    channel.queueBind(queue, exchange, "");
                }
            }
            return new Topology(exchange, queues);
        }
    }

    /** Where producers publish: the fanout exchange, or the default exchange. */
    String exchange() {
        return exchange;
    }

    /** The routing key of producer {@code index}: its queue round-robin, or none for fanout. */
    String routingKey(int index) {
        return exchange.isEmpty() ? queues.get(index % queues.size()) : "";
    }

    /** The queue consumer {@code index} reads, round-robin. */
    String queueOf(int index) {
        return queues.get(index % queues.size());
    }

    List<String> queues() {
        return queues;
    }

    /** Deletes every queue and the exchange, whatever they still hold; reports what it could not delete. */
    void delete(Connection admin, Incidents incidents) {
        // The exchange first: it is auto-delete, so deleting the queues first would delete it already.
        if (!exchange.isEmpty()) {
            deleteOne(admin, incidents, "exchange " + exchange, channel -> channel.exchangeDelete(exchange));
        }
        for (String queue : queues) {
            deleteOne(admin, incidents, "queue " + queue, channel -> channel.queueDelete(queue));
        }
    }

    private static void deleteOne(Connection admin, Incidents incidents, String what, ChannelAction action) {
        try (Channel channel = admin.createChannel()) {
            action.apply(channel);
        } catch (IOException | TimeoutException | RuntimeException e) {
            incidents.report("could not delete " + what + ": " + Incidents.describe(e));
        }
    }

    @FunctionalInterface
    private interface ChannelAction {
        void apply(Channel channel) throws IOException;
    }
}
