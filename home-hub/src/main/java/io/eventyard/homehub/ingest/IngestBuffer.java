package io.eventyard.homehub.ingest;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.telemetry.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded buffer between the MQTT callback and the database, with its one writer thread. A batch is
 * written when it has {@code batch-size} messages or its first message has waited {@code max-delay}; then its
 * messages are acknowledged, then the application events go out. When the buffer is full, {@link #put} waits:
 * the MQTT client stops reading and the broker keeps the rest.
 *
 * <p>A batch the database refuses is tried again ({@code max-attempts}, with a growing pause), then message by
 * message, so one bad message does not hold the others; one the database refuses alone is kept as a rejected
 * payload ({@code store-failed}). Only if even that fails it stays unacknowledged, and the broker delivers it
 * again on the next connection.
 */
@Singleton
class IngestBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBuffer.class);
    private static final long MAX_PAUSE_MILLIS = 5_000;

    private final BlockingQueue<Pending> queue;
    private final IngestWriter writer;
    private final IngestSettings settings;
    private final ApplicationEventPublisher<Reading> readings;
    private final ApplicationEventPublisher<Position> positions;
    private final ApplicationEventPublisher<Availability> availability;
    private final Thread flusher;
    private volatile boolean running = true;

    private final Counter writeFailures;
    private final Counter written;

    IngestBuffer(IngestWriter writer, IngestSettings settings, ApplicationEventPublisher<Reading> readings,
                 ApplicationEventPublisher<Position> positions, ApplicationEventPublisher<Availability> availability,
                 MeterRegistry meters) {
        this.writer = writer;
        this.settings = settings;
        this.readings = readings;
        this.positions = positions;
        this.availability = availability;
        this.queue = new ArrayBlockingQueue<>(settings.getBufferCapacity());
        Gauge.builder("homehub.ingest.buffered", queue, BlockingQueue::size)
                .description("MQTT messages waiting to be written").register(meters);
        this.writeFailures = Counter.builder("homehub.ingest.write.failures")
                .description("batch writes the database refused (each is tried again)").register(meters);
        this.written = Counter.builder("homehub.ingest.written")
                .description("MQTT messages written and acknowledged").register(meters);
        this.flusher = new Thread(this::run, "ingest-writer");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Waits while the buffer is full. */
    void put(Pending pending) throws InterruptedException {
        queue.put(pending);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + settings.getMaxDelay().toNanos();
                while (batch.size() < settings.getBatchSize()) {
                    queue.drainTo(batch, settings.getBatchSize() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= settings.getBatchSize() || left <= 0) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ingest writer: unexpected failure, {} messages stay unacknowledged", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Pending> batch) throws InterruptedException {
        long pause = 100;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.getMaxAttempts(); attempt++) {
            try {
                List<Object> events = writer.write(batch);
                batch.forEach(pending -> pending.ack().run());
                written.increment(batch.size());
                publish(events);
                return;
            } catch (RuntimeException e) {
                last = e;
                writeFailures.increment();
                LOG.warn("writing {} ingested messages failed (attempt {} of {}): {}", batch.size(), attempt,
                        settings.getMaxAttempts(), e.toString());
                if (!running) {
                    // stopping: what is not stored stays unacknowledged, and the broker delivers it again
                    return;
                }
                if (attempt < settings.getMaxAttempts()) {
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                }
            }
        }
        if (batch.size() > 1) {
            for (Pending pending : batch) {
                if (!running) {
                    return;
                }
                flush(List.of(pending));
            }
            return;
        }
        Pending alone = batch.get(0);
        try {
            writer.keepUnstorable(alone, last);
            alone.ack().run();
            LOG.error("message on {} could not be stored; kept as rejected (store-failed)", alone.topic());
        } catch (RuntimeException e) {
            LOG.error("message on {} could not be stored nor kept; left unacknowledged for redelivery",
                    alone.topic(), e);
        }
    }

    private void publish(List<Object> events) {
        for (Object event : events) {
            try {
                if (event instanceof Reading reading) {
                    readings.publishEvent(reading);
                } else if (event instanceof Position position) {
                    positions.publishEvent(position);
                } else if (event instanceof Availability change) {
                    availability.publishEvent(change);
                }
            } catch (RuntimeException e) {
                // a listener's failure is its own: the data is stored and acknowledged
                LOG.warn("a listener failed on {}: {}", event, e.toString());
            }
        }
    }

    /** Lets the writer finish what it holds, briefly, so that a normal stop acknowledges what it stored. */
    @PreDestroy
    void stop() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        running = false;
        flusher.join(TimeUnit.SECONDS.toMillis(5));
    }
}
