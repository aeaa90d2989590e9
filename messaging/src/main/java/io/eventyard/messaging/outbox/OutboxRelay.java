package io.eventyard.messaging.outbox;

import com.rabbitmq.client.AMQP;
import io.eventyard.messaging.inbound.LogContext;
import io.eventyard.messaging.publish.ConfirmedPublisher;
import io.eventyard.messaging.publish.Publication;
import io.eventyard.messaging.tracing.MessageTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: takes a batch of unpublished rows, publishes them with one confirm round trip,
 * and marks them published only once the broker has confirmed them. A failed batch (nack, timeout, broker
 * gone) is left unmarked and tried again after a backoff that doubles up to a bound; it is never given up,
 * because giving up would lose an event whose business change is already committed.
 *
 * <p>One thread, woken by commits in this process and otherwise polling, so an event leaves within
 * milliseconds of its transaction and no faster than the broker confirms. With several instances of a
 * service each relay may publish a row that another is publishing too; consumers de-duplicate on the message
 * id, so that costs a duplicate delivery, never a lost or double effect.
 */
@Singleton
@Requires(property = "eventyard.outbox.relay-enabled", notEquals = "false")
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final ConfirmedPublisher publisher;
    private final OutboxSettings settings;
    private final String appId;
    private final Clock clock = Clock.systemUTC();
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failedBatches;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(OutboxRepository repository, ConfirmedPublisher publisher, OutboxSettings settings,
                       MeterRegistry meters, @Value("${micronaut.application.name:eventyard}") String appId) {
        this.repository = repository;
        this.publisher = publisher;
        this.settings = settings;
        this.appId = appId;
        this.published = meters.counter("eventyard.outbox.published");
        this.failedBatches = meters.counter("eventyard.outbox.failed.batches");
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @TransactionalEventListener
    void onAppended(OutboxAppended event) {
        wakeUps.release();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            thread = null;
        }
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        Instant nextCleanUp = clock.instant();
        while (running) {
            try {
                int sent = publishNextBatch();
                backoff = Duration.ZERO;
                if (clock.instant().isAfter(nextCleanUp)) {
                    repository.deletePublishedBefore(clock.instant().minus(settings.getKeepPublished()));
                    nextCleanUp = clock.instant().plus(Duration.ofMinutes(1));
                }
                if (sent < settings.getBatchSize()) {
                    wakeUps.tryAcquire(settings.getPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failedBatches.increment();
                backoff = nextBackoff(backoff);
                LOG.warn("outbox relay: publishing failed ({}); next try in {} ms", e.toString(), backoff.toMillis());
                if (!sleep(backoff)) {
                    return;
                }
            }
        }
    }

    /** Publishes one batch; returns how many messages were confirmed. */
    int publishNextBatch() throws Exception {
        List<OutboxMessage> batch = repository.findPublishable(settings.getBatchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Long> ids = batch.stream().map(OutboxMessage::id).toList();
        try {
            publisher.publishAll(batch.stream().map(this::toPublication).toList());
        } catch (Exception e) {
            repository.countFailedAttempt(ids);
            throw e;
        }
        repository.markPublished(ids, clock.instant());
        published.increment(batch.size());
        return batch.size();
    }

    private Publication toPublication(OutboxMessage message) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(LogContext.AGGREGATE_ID_HEADER, message.aggregateId());
        if (message.traceparent() != null) {
            headers.put(MessageTracing.TRACEPARENT, message.traceparent());
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType("application/json")
                .messageId(message.messageId())
                .timestamp(Date.from(message.createdAt()))
                .type(message.routingKey())
                .appId(appId)
                .headers(headers)
                .build();
        return new Publication(message.exchangeName(), message.routingKey(), properties,
                message.payload().getBytes(StandardCharsets.UTF_8));
    }

    private Duration nextBackoff(Duration current) {
        if (current.isZero()) {
            return settings.getMinBackoff();
        }
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(settings.getMaxBackoff()) > 0 ? settings.getMaxBackoff() : doubled;
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
