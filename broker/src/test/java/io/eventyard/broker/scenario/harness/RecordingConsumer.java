package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer that records what the broker sends it, for a test thread to await. Written by the client's
 * dispatch thread, read by the test thread; both sides are thread-safe.
 */
public final class RecordingConsumer extends DefaultConsumer {

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> cancelledByBroker = new CompletableFuture<>();
    private final CompletableFuture<String> cancelConfirmed = new CompletableFuture<>();
    private final AtomicInteger delivered = new AtomicInteger();

    public RecordingConsumer(Channel channel) {
        super(channel);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        deliveries.add(new Delivery(envelope, properties, body));
        delivered.incrementAndGet();
    }

    /** How many deliveries arrived so far, taken or not. */
    public int deliveredCount() {
        return delivered.get();
    }

    @Override
    public void handleCancel(String consumerTag) {
        cancelledByBroker.complete(consumerTag);
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        cancelConfirmed.complete(consumerTag);
    }

    /** The next delivery, waiting for it up to {@link Waits#DEFAULT}. */
    public Delivery next() throws InterruptedException {
        Delivery delivery = deliveries.poll(Waits.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no delivery within " + Waits.DEFAULT);
        }
        return delivery;
    }

    /** The next {@code count} deliveries, in the order they arrived. */
    public List<Delivery> next(int count) throws InterruptedException {
        List<Delivery> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next());
        }
        return received;
    }

    /** The next delivery's body as UTF-8 text. */
    public String nextBody() throws InterruptedException {
        return Bodies.text(next().getBody());
    }

    /** Deliveries received and not yet taken, without waiting: for asserting that nothing else came. */
    public List<Delivery> drained() {
        List<Delivery> rest = new ArrayList<>();
        deliveries.drainTo(rest);
        return rest;
    }

    /** Waits for the broker to cancel this consumer ({@code basic.cancel} from the server); returns its tag. */
    public String awaitCancelByBroker() throws InterruptedException {
        return await(cancelledByBroker, "the broker did not cancel the consumer");
    }

    /** Waits for the {@code basic.cancel-ok} answering the client's own cancel; returns the tag. */
    public String awaitCancelOk() throws InterruptedException {
        return await(cancelConfirmed, "no basic.cancel-ok");
    }

    private static String await(CompletableFuture<String> event, String failure) throws InterruptedException {
        try {
            return event.get(Waits.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(failure + " within " + Waits.DEFAULT, e);
        }
    }
}
