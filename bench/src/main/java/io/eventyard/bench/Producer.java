package io.eventyard.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

/**
 * Publishes on one channel from its own thread until told to stop or the shared quota runs out, paced to a
 * rate if one is set and held to the confirm window if confirms are on. Each body starts with the publish
 * time so that consumers can measure end-to-end latency.
 */
final class Producer implements Runnable {

    private final Channel channel;
    private final String exchange;
    private final String routingKey;
    private final Workload workload;
    private final RunMeters meters;
    private final ConfirmTracker confirms;
    private final AtomicLong quota;
    private final AtomicBoolean stop;
    private final CountDownLatch finished;

    /**
     * @param confirms {@code null} without publisher confirms (else already registered on the channel,
     *                 which is in confirm mode)
     * @param quota    messages left to publish, shared by all producers of the run
     * @param finished counted down when this producer ends, for whatever reason
     */
    Producer(Channel channel, String exchange, String routingKey, Workload workload, RunMeters meters,
             ConfirmTracker confirms, AtomicLong quota, AtomicBoolean stop, CountDownLatch finished) {
        this.channel = channel;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.workload = workload;
        this.meters = meters;
        this.confirms = confirms;
        this.quota = quota;
        this.stop = stop;
        this.finished = finished;
    }

    static AMQP.BasicProperties properties(Workload workload) {
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(workload.persistent() ? 2 : 1)
                .contentType("application/octet-stream")
                .build();
    }

    @Override
    public void run() {
        // One body reused: basicPublish has written it to the socket buffer by the time it returns.
        byte[] body = new byte[workload.size()];
        ByteBuffer timestamp = ByteBuffer.wrap(body);
        AMQP.BasicProperties properties = properties(workload);
        long interval = workload.rate() > 0 ? 1_000_000_000L / workload.rate() : 0;
        long next = System.nanoTime();
        try {
            while (!stop.get() && quota.getAndDecrement() > 0) {
                if (interval > 0) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                if (confirms != null && !confirms.acquire(stop)) {
                    break;
                }
                long now = System.nanoTime();
                timestamp.putLong(0, now);
                if (confirms != null) {
                    confirms.published(channel.getNextPublishSeqNo(), now);
                }
                channel.basicPublish(exchange, routingKey, false, properties, body);
                meters.sent().mark();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!stop.get()) {
                meters.incidents().report("publish failed: " + Incidents.describe(e));
            }
        } finally {
            finished.countDown();
        }
    }
}
