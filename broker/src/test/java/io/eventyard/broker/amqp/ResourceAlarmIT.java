package io.eventyard.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * The memory alarm as RabbitMQ has it: a publisher outrunning its consumers past the high watermark is
 * blocked (connection.blocked, and its socket is no longer read), consumers keep consuming, and once they
 * have caught up the publisher is unblocked and goes on.
 */
class ResourceAlarmIT {

    private static final int MESSAGE_SIZE = 1024;
    private static final long WATERMARK = 256 * 1024;

    @TempDir
    Path dataDir;

    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private Connection connect(String name) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection(name);
    }

    @Test
    void blocksAPublisherPastTheWatermarkAndUnblocksItOnceConsumersCatchUp() throws Exception {
        // no paging, so that the backlog stays in memory and counts against the watermark
        broker = Broker.start(BrokerConfig.forTests(dataDir).withPageOutBytes(Long.MAX_VALUE)
                .withMemoryHighWatermark(WATERMARK));
        try (Connection publisherConnection = connect("publisher"); Connection consumerConnection = connect("consumer")) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch unblocked = new CountDownLatch(1);
            publisherConnection.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    blocked.countDown();
                }

                @Override
                public void handleUnblocked() {
                    unblocked.countDown();
                }
            });
            Channel consumer = consumerConnection.createChannel();
            String queue = consumer.queueDeclare().getQueue();
            Channel publisher = publisherConnection.createChannel();

            AtomicInteger published = new AtomicInteger();
            Thread publishing = new Thread(() -> {
                try {
                    // at most twice the watermark: the alarm must have fired long before
                    while (blocked.getCount() > 0 && published.get() < 2 * WATERMARK / MESSAGE_SIZE) {
                        publisher.basicPublish("", queue, null, new byte[MESSAGE_SIZE]);
                        published.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "publisher");
            publishing.start();

            assertThat(blocked.await(10, TimeUnit.SECONDS)).as("connection.blocked").isTrue();
            int backlog = consumer.queueDeclarePassive(queue).getMessageCount();
            // the alarm counts bodies plus a small overhead per entry, so a little under WATERMARK of bodies
            assertThat((long) backlog * MESSAGE_SIZE).isGreaterThanOrEqualTo(WATERMARK * 9 / 10);
            assertThat(unblocked.getCount()).as("still blocked while the backlog stands").isEqualTo(1);

            // The consumer's connection never published, so it is not blocked: it drains the queue.
            int drained = 0;
            GetResponse response;
            while ((response = consumer.basicGet(queue, true)) != null) {
                drained++;
            }
            assertThat(drained).isGreaterThanOrEqualTo(backlog);
            assertThat(unblocked.await(10, TimeUnit.SECONDS)).as("connection.unblocked").isTrue();
            publishing.join(10_000); // it may have been stuck writing to a socket the broker stopped reading

            publisher.basicPublish("", queue, null, "after".getBytes());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            GetResponse after = null;
            while (after == null && System.nanoTime() < deadline) {
                after = consumer.basicGet(queue, true);
                if (after != null && after.getBody().length == MESSAGE_SIZE) {
                    after = null; // a message the publisher sent just before the block took effect
                }
            }
            assertThat(after).isNotNull();
            assertThat(new String(after.getBody())).isEqualTo("after");
        }
    }
}
