package io.eventyard.broker.durability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

/**
 * Publishes persistent messages with publisher confirms on its own thread until the broker goes away, keeping a
 * window of unconfirmed ones in flight. Each body is a unique id; the ids the broker acked go into a shared set,
 * so a test can tell what the broker promised to keep.
 *
 * <p>Threads: the publishing thread writes {@code outstanding} before each publish; the client's connection
 * thread settles it from the confirms. Once the connection is shut down no confirm can come any more.
 */
final class ConfirmedPublisher {

    private static final int BODY_DIGITS = 12;
    static final String BODY_PREFIX = "msg-";
    /** Bytes of every body, so that the id can be read back from the end of a stored record. */
    static final int BODY_LENGTH = BODY_PREFIX.length() + BODY_DIGITS;

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final AtomicLong nextId;
    private final Set<Long> confirmed;
    private final Semaphore window;
    private final ConcurrentSkipListMap<Long, Long> outstanding = new ConcurrentSkipListMap<>();
    private final AtomicInteger confirmedHere = new AtomicInteger();
    private final AtomicInteger nacked = new AtomicInteger();
    private final CountDownLatch shutDown = new CountDownLatch(1);
    private final Thread thread;

    private ConfirmedPublisher(Connection connection, Channel channel, String queue, AtomicLong nextId,
                               Set<Long> confirmed, int window) {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
        this.nextId = nextId;
        this.confirmed = confirmed;
        this.window = new Semaphore(window);
        this.thread = new Thread(this::publish, "confirmed-publisher");
        this.thread.setDaemon(true);
    }

    /**
     * Connects and starts publishing to {@code queue} (through the default exchange), with ids from
     * {@code nextId}, adding every confirmed id to {@code confirmed}; at most {@code window} unconfirmed at once.
     */
    static ConfirmedPublisher start(ConnectionFactory factory, String queue, AtomicLong nextId, Set<Long> confirmed,
                                    int window) throws IOException, TimeoutException {
        Connection connection = factory.newConnection("confirmed-publisher");
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        ConfirmedPublisher publisher = new ConfirmedPublisher(connection, channel, queue, nextId, confirmed, window);
        connection.addShutdownListener(cause -> publisher.shutDown.countDown());
        channel.addConfirmListener((sequence, multiple) -> publisher.settle(sequence, multiple, true),
                (sequence, multiple) -> publisher.settle(sequence, multiple, false));
        publisher.thread.start();
        return publisher;
    }

    static byte[] body(long id) {
        return String.format(BODY_PREFIX + "%0" + BODY_DIGITS + "d", id).getBytes(StandardCharsets.US_ASCII);
    }

    static long id(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        if (!text.startsWith(BODY_PREFIX) || text.length() != BODY_LENGTH) {
            throw new AssertionError("not a body of this publisher: '" + text + "'");
        }
        return Long.parseLong(text.substring(BODY_PREFIX.length()));
    }

    /** Waits until at least {@code count} publishes of this publisher have been confirmed. */
    void awaitConfirmed(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (confirmedHere.get() < count) {
            if (System.nanoTime() > deadline || !connection.isOpen()) {
                throw new AssertionError("only " + confirmedHere.get() + " of " + count + " publishes confirmed ("
                        + nacked.get() + " nacked), connection open: " + connection.isOpen());
            }
            Thread.sleep(10);
        }
    }

    /**
     * After the broker died: waits for the connection to notice and the publishing thread to end, so that no
     * confirm can still arrive. Returns how many publishes were nacked.
     */
    int awaitBrokerGone(Duration timeout) throws InterruptedException {
        if (!shutDown.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            connection.abort();
            throw new AssertionError("the publisher's connection did not notice the broker's death within " + timeout);
        }
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the publishing thread did not stop within " + timeout);
        }
        return nacked.get();
    }

    private void publish() {
        try {
            while (channel.isOpen()) {
                if (!window.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long id = nextId.getAndIncrement();
                outstanding.put(channel.getNextPublishSeqNo(), id);
                channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body(id));
            }
        } catch (IOException | RuntimeException e) {
            // the broker is gone (killed): expected, and the end of this publisher
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void settle(long sequence, boolean multiple, boolean ack) {
        Map<Long, Long> settled = multiple ? outstanding.headMap(sequence, true)
                : outstanding.subMap(sequence, true, sequence, true);
        int count = 0;
        for (Iterator<Long> ids = settled.values().iterator(); ids.hasNext(); ) {
            long id = ids.next();
            ids.remove();
            if (ack) {
                confirmed.add(id);
            }
            count++;
        }
        if (ack) {
            confirmedHere.addAndGet(count);
        } else {
            nacked.addAndGet(count);
        }
        window.release(count);
    }
}
