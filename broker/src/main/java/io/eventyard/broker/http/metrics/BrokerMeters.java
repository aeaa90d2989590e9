package io.eventyard.broker.http.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.http.CoreTasks;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;

/**
 * The broker's meters. They never read the core themselves: a scrape must not put work on the core
 * thread, however often it comes. Instead {@link #sample()} copies the numbers into a {@link BrokerStats}
 * once a second (one core task, never two at once), and every meter reads that copy.
 *
 * <p>In Prometheus (at {@code /prometheus}): {@code broker_connections}, {@code broker_queues},
 * {@code broker_queue_messages_ready}, {@code broker_queue_messages_unacked} and
 * {@code broker_queue_consumers} by {@code vhost} and {@code queue}, and the counters
 * {@code broker_messages_published_total}, {@code _unroutable_total}, {@code _delivered_total},
 * {@code _redelivered_total}, {@code _acknowledged_total} and {@code _dead_lettered_total}.
 */
@Context
final class BrokerMeters {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMeters.class);

    private final CoreTasks tasks;
    private final AtomicBoolean sampling = new AtomicBoolean();
    private final MultiGauge ready;
    private final MultiGauge unacked;
    private final MultiGauge consumers;
    private volatile BrokerStats stats = BrokerStats.NONE;

    BrokerMeters(CoreTasks tasks, MeterRegistry registry) {
        this.tasks = tasks;
        Gauge.builder("broker.connections", this, meters -> meters.stats.connections())
                .description("Open client connections").register(registry);
        Gauge.builder("broker.channels", this, meters -> meters.stats.channels())
                .description("Open channels of all connections").register(registry);
        Gauge.builder("broker.queues", this, meters -> meters.stats.queues().size())
                .description("Queues in all vhosts").register(registry);
        ready = MultiGauge.builder("broker.queue.messages.ready")
                .description("Messages ready for delivery").register(registry);
        unacked = MultiGauge.builder("broker.queue.messages.unacked")
                .description("Messages delivered and not yet acknowledged").register(registry);
        consumers = MultiGauge.builder("broker.queue.consumers")
                .description("Consumers of the queue").register(registry);
        counter(registry, "broker.messages.published", "Messages published", BrokerStats::published);
        counter(registry, "broker.messages.unroutable", "Messages published that no queue took",
                BrokerStats::unroutable);
        counter(registry, "broker.messages.delivered", "Deliveries to consumers and basic.get",
                BrokerStats::delivered);
        counter(registry, "broker.messages.redelivered", "Deliveries with the redelivered flag",
                BrokerStats::redelivered);
        counter(registry, "broker.messages.acknowledged", "Deliveries acknowledged", BrokerStats::acknowledged);
        counter(registry, "broker.messages.dead.lettered", "Messages dead-lettered", BrokerStats::deadLettered);
        // fsync latency of the message store's group commits (a round writes and fsyncs every dirty queue log)
        FunctionTimer.builder("broker.store.fsync", tasks, t -> t.syncTimings().rounds(),
                        t -> t.syncTimings().totalNanos(), TimeUnit.NANOSECONDS)
                .description("Group commits of the message store: count and total time").register(registry);
        TimeGauge.builder("broker.store.fsync.max", tasks, TimeUnit.NANOSECONDS, t -> t.syncTimings().maxNanos())
                .description("Longest group commit since start").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<BrokerStats> total) {
        FunctionCounter.builder(name, this, meters -> total.applyAsDouble(meters.stats))
                .description(description).register(registry);
    }

    /** Takes a fresh copy of the broker's numbers, unless the previous copy is still on its way. */
    @Scheduled(fixedDelay = "${broker.metrics.interval:1s}")
    void sample() {
        if (!sampling.compareAndSet(false, true)) {
            return;
        }
        tasks.run(BrokerStats::of).whenComplete((sampled, failure) -> {
            sampling.set(false);
            if (failure != null) {
                LOG.debug("metrics sample failed: {}", failure.toString());
                return;
            }
            stats = sampled;
            register(ready, sampled.queues(), BrokerStats.QueueStats::ready);
            register(unacked, sampled.queues(), BrokerStats.QueueStats::unacked);
            register(consumers, sampled.queues(), BrokerStats.QueueStats::consumers);
        });
    }

    // One row per queue; a queue that is gone loses its row (overwrite).
    private static void register(MultiGauge gauge, List<BrokerStats.QueueStats> queues,
                                 ToIntFunction<BrokerStats.QueueStats> value) {
        gauge.register(queues.stream()
                .map(queue -> MultiGauge.Row.of(Tags.of("vhost", queue.vhost(), "queue", queue.name()),
                        value.applyAsInt(queue)))
                .toList(), true);
    }
}
