package io.eventyard.messaging.publish;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Publishes and returns only once the broker has confirmed every message, that is, taken responsibility
 * for it (for a persistent message on a durable queue: written to disk).
 *
 * <p>A batch goes out on one channel in confirm mode and is confirmed with one wait, so N messages cost one
 * round trip, not N. Any nack, timeout or channel failure fails the whole batch: the caller cannot tell which
 * messages arrived, so it publishes the batch again, and consumers de-duplicate on the message id.
 * After a failure the channel is thrown away, so that late confirms of the old batch can never be taken for
 * confirms of the next.
 */
@Singleton
public class ConfirmedPublisher {

    private final Connection connection;
    private final PublisherSettings settings;
    private Channel channel; // guarded by this

    public ConfirmedPublisher(Connection connection, PublisherSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** Publishes one message and waits for its confirm. */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        publishAll(List.of(new Publication(exchange, routingKey, properties, body)));
    }

    /** Publishes the messages in order and waits until the broker has confirmed all of them. */
    public synchronized void publishAll(List<Publication> publications) throws IOException {
        if (publications.isEmpty()) {
            return;
        }
        try {
            Channel confirmChannel = channel();
            for (Publication publication : publications) {
                confirmChannel.basicPublish(publication.exchange(), publication.routingKey(), false,
                        publication.properties(), publication.body());
            }
            if (!confirmChannel.waitForConfirms(settings.getConfirmTimeout().toMillis())) {
                discardChannel();
                throw new IOException("the broker refused (nacked) a message of a batch of " + publications.size());
            }
        } catch (TimeoutException e) {
            discardChannel();
            throw new IOException("no confirm within " + settings.getConfirmTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardChannel();
            throw new IOException("interrupted while waiting for confirms", e);
        } catch (IOException | RuntimeException e) {
            // The channel was closed under us (broker gone, exchange missing): a fresh one next time.
            discardChannel();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel fresh = connection.createChannel();
            fresh.confirmSelect();
            channel = fresh;
        }
        return channel;
    }

    private void discardChannel() {
        Channel old = channel;
        channel = null;
        if (old != null && old.isOpen()) {
            try {
                old.abort();
            } catch (IOException | RuntimeException ignored) {
                // Already going away; nothing to release.
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        discardChannel();
    }
}
