package io.eventyard.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * A client that, over and over on its own thread, opens a connection, publishes one message, waits for its
 * confirm and closes: the pattern of scripts and badly pooled services. Records the whole cycle and the
 * confirm alone.
 */
final class ShortConnectionClient implements Runnable {

    private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;
    private static final long BACKOFF_MILLIS = 50;

    private final ClientConnections clients;
    private final String queue;
    private final Workload workload;
    private final RunMeters meters;
    private final AtomicLong quota;
    private final AtomicBoolean stop;
    private final CountDownLatch finished;

    ShortConnectionClient(ClientConnections clients, String queue, Workload workload, RunMeters meters,
                          AtomicLong quota, AtomicBoolean stop, CountDownLatch finished) {
        this.clients = clients;
        this.queue = queue;
        this.workload = workload;
        this.meters = meters;
        this.quota = quota;
        this.stop = stop;
        this.finished = finished;
    }

    @Override
    public void run() {
        byte[] body = new byte[workload.size()];
        ByteBuffer timestamp = ByteBuffer.wrap(body);
        AMQP.BasicProperties properties = Producer.properties(workload);
        try {
            while (!stop.get() && quota.getAndDecrement() > 0) {
                long start = System.nanoTime();
                Connection connection = null;
                try {
                    connection = clients.openShortLived("short-lived");
                    Channel channel = connection.createChannel();
                    channel.confirmSelect();
                    long published = System.nanoTime();
                    timestamp.putLong(0, published);
                    channel.basicPublish("", queue, false, properties, body);
                    meters.sent().mark();
                    if (channel.waitForConfirms(CONFIRM_TIMEOUT_MILLIS)) {
                        meters.confirmed().mark(System.nanoTime() - published);
                    } else {
                        meters.incidents().report("publisher nack");
                    }
                    connection.close();
                    meters.cycles().mark(System.nanoTime() - start);
                } catch (Exception e) {
                    if (stop.get()) {
                        break;
                    }
                    meters.incidents().report("short connection failed: " + Incidents.describe(e));
                    if (connection != null) {
                        ClientConnections.closeQuietly(connection);
                    }
                    TimeUnit.MILLISECONDS.sleep(BACKOFF_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }
}
