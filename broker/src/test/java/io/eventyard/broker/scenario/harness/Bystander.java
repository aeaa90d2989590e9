package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel that takes no part in a scenario's error and must keep publishing and consuming through it: the
 * proof that the broker confined the error to the channel or connection it belongs to. Used by the test thread;
 * its consumer's deliveries arrive on the client's dispatch thread.
 */
public final class Bystander {

    private final Channel channel;
    private final String queue;
    private final RecordingConsumer consumer;

    private Bystander(Channel channel, String queue, RecordingConsumer consumer) {
        this.channel = channel;
        this.queue = queue;
        this.consumer = consumer;
    }

    /** Opens a channel on {@code connection} that consumes from an exclusive, server-named queue of its own. */
    public static Bystander on(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue();
        RecordingConsumer consumer = new RecordingConsumer(channel);
        channel.basicConsume(queue, true, consumer);
        return new Bystander(channel, queue, consumer);
    }

    /** Publishes a message to its own queue and receives it back. */
    public void assertStillServes() throws IOException, InterruptedException {
        String body = "bystander-" + UUID.randomUUID();
        channel.basicPublish("", queue, null, Bodies.bytes(body));
        assertThat(consumer.nextBody()).as("the bystander's own message").isEqualTo(body);
    }
}
