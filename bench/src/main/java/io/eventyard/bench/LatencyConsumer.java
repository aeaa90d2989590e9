package io.eventyard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Records each delivery's end-to-end latency from the publish time in its body and acknowledges as the
 * workload says. Runs on the client's dispatch thread of its channel, one delivery at a time.
 */
final class LatencyConsumer extends DefaultConsumer {

    private final RunMeters meters;
    private final boolean autoAck;
    private final int multiAck;
    private final boolean measureLatency;
    /** Deliveries not yet acknowledged. Dispatch thread only. */
    private int unacked;

    /**
     * @param measureLatency false where the age of a message says nothing useful (a drained backlog)
     */
    LatencyConsumer(Channel channel, RunMeters meters, Workload workload, boolean measureLatency) {
        super(channel);
        this.meters = meters;
        this.autoAck = workload.autoAck();
        this.multiAck = workload.multiAck();
        this.measureLatency = measureLatency;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        if (measureLatency && body.length >= Workload.TIMESTAMP_BYTES) {
            meters.received().mark(System.nanoTime() - ByteBuffer.wrap(body).getLong(0));
        } else {
            meters.received().mark();
        }
        if (autoAck) {
            return;
        }
        if (multiAck <= 1) {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        } else if (++unacked >= multiAck) {
            getChannel().basicAck(envelope.getDeliveryTag(), true);
            unacked = 0;
        }
    }

    @Override
    public void handleCancel(String consumerTag) {
        meters.incidents().report("consumer cancelled by broker");
    }
}
