package io.eventyard.bench.orders;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.eventyard.bench.Incidents;
import io.eventyard.bench.Latency;
import org.HdrHistogram.Histogram;

/**
 * One order benchmark run against one running stack. Phases, on the {@link System#nanoTime()} clock from
 * the start: orders due in the warm-up are placed but not measured; orders due in the measured window are
 * timed; then sending stops, the last answers are awaited, and the run waits (up to the drain timeout)
 * for the {@code order.shipped} of every order placed. A sender thread places the orders; this thread
 * watches the clock, notes the shipped count at the window's edges and prints a progress line a second.
 */
final class OrderLoadRun {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final OrderLoadOptions options;
    private final PrintStream progressOut;
    private final Incidents errors = new Incidents();
    private final ShipmentTracker tracker = new ShipmentTracker();

    private long start;
    private long windowStart;
    private long windowEnd;
    private long shippedAtWindowStart = -1;
    private long shippedAtWindowEnd = -1;
    private long tickAt;
    private long placedAtTick;
    private long shippedAtTick;

    /** @param progressOut where the per-second lines go, or {@code null} for none */
    OrderLoadRun(OrderLoadOptions options, PrintStream progressOut) {
        this.options = options;
        this.progressOut = progressOut;
    }

    /** Runs the whole load; never throws for a run that cannot be done, that is a failed result. */
    OrderLoadResult run() throws InterruptedException {
        String runId = Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        try (ShippedEvents events = ShippedEvents.listen(options.amqpUri(), tracker, errors);
             OrderPlacer placer = new OrderPlacer(options.ordersEndpoint(),
                     new OrderRequestBody(runId, options.paymentToken()), options.concurrency(), tracker, errors)) {
            checkOrderServiceAnswers();
            return run(events, placer);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return OrderLoadResult.failed(options, Incidents.describe(e), errors.summary());
        }
    }

    private void checkOrderServiceAnswers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(options.orderUrl() + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            client.send(health, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.IOException("order-service does not answer at " + options.orderUrl() + ": "
                    + Incidents.describe(e), e);
        }
    }

    private OrderLoadResult run(ShippedEvents events, OrderPlacer placer) throws InterruptedException {
        start = System.nanoTime();
        windowStart = start + options.warmup().toNanos();
        windowEnd = windowStart + options.duration().toNanos();
        tickAt = start;
        AtomicLong notSent = new AtomicLong();
        Thread sender = new Thread(() -> notSent.set(send(placer)), "order-load-sender");
        sender.setDaemon(true);
        watch(placer, "");
        sender.start();
        while (sender.isAlive() || System.nanoTime() < windowEnd) {
            LockSupport.parkNanos(POLL_NANOS);
            watch(placer, "");
        }
        if (!placer.awaitAnswers(OrderPlacer.REQUEST_TIMEOUT.plusSeconds(5))) {
            errors.report(placer.inFlight() + " POST /orders still unanswered after the request timeout");
        }
        long drainDeadline = windowEnd + options.drainTimeout().toNanos();
        long drained = System.nanoTime();
        while (tracker.awaitingShipment() > 0 && (drained = System.nanoTime()) < drainDeadline) {
            LockSupport.parkNanos(POLL_NANOS);
            watch(placer, "  (drain)");
        }
        double drainSeconds = Math.max(0, (drained - windowEnd) / 1e9);
        return result(events, placer, notSent.get(), drainSeconds);
    }

    /**
     * Places orders until the measured window ends; the number of orders due in the window that could not
     * be sent because every slot stayed busy.
     */
    private long send(OrderPlacer placer) {
        try {
            return options.openLoop() ? sendOnSchedule(placer) : sendAsFastAsPossible(placer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private long sendOnSchedule(OrderPlacer placer) throws InterruptedException {
        SendSchedule schedule = new SendSchedule(start, options.rate());
        long sequence = 0;
        while (true) {
            long due = schedule.dueAt(sequence);
            if (due >= windowEnd) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!placer.awaitSlot(windowEnd)) {
                break;
            }
            placer.send(sequence, due, due >= windowStart);
            sequence++;
        }
        long firstMeasured = schedule.dueBefore(windowStart);
        long dueInWindow = schedule.dueBefore(windowEnd) - firstMeasured;
        return dueInWindow - Math.max(0, sequence - firstMeasured);
    }

    private long sendAsFastAsPossible(OrderPlacer placer) throws InterruptedException {
        long sequence = 0;
        while (placer.awaitSlot(windowEnd)) {
            long now = System.nanoTime();
            if (now >= windowEnd) {
                placer.releaseSlot();
                break;
            }
            placer.send(sequence++, now, now >= windowStart);
        }
        return 0;
    }

    /** Notes the shipped count at the window's edges; prints a progress line once a second. */
    private void watch(OrderPlacer placer, String phase) {
        long now = System.nanoTime();
        if (shippedAtWindowStart < 0 && now >= windowStart) {
            shippedAtWindowStart = tracker.shipped();
        }
        if (shippedAtWindowEnd < 0 && now >= windowEnd) {
            shippedAtWindowEnd = tracker.shipped();
        }
        if (now - tickAt < TICK_NANOS) {
            return;
        }
        Histogram post = placer.post().takeProgressInterval();
        Histogram shipped = tracker.placedToShipped().takeProgressInterval();
        long placedNow = placer.placed();
        long shippedNow = tracker.shipped();
        double seconds = (now - tickAt) / 1e9;
        if (progressOut != null) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "[%s] %3d s  placed %,6.0f/s  shipped %,6.0f/s  in flight %d  awaiting %,d",
                    options.name(), Math.round((now - start) / 1e9), (placedNow - placedAtTick) / seconds,
                    (shippedNow - shippedAtTick) / seconds, placer.inFlight(), tracker.awaitingShipment()));
            appendLatency(line, "POST", post);
            appendLatency(line, "placed→shipped", shipped);
            line.append(now < windowStart ? "  (warm-up)" : phase);
            progressOut.println(line);
        }
        tickAt = now;
        placedAtTick = placedNow;
        shippedAtTick = shippedNow;
    }

    private static void appendLatency(StringBuilder line, String name, Histogram interval) {
        if (interval.getTotalCount() > 0) {
            line.append("  ").append(name).append(" p50 ").append(Latency.millis(interval.getValueAtPercentile(50)))
                    .append(" p99 ").append(Latency.millis(interval.getValueAtPercentile(99)))
                    .append(" max ").append(Latency.millis(interval.getMaxValue())).append(" ms");
        }
    }

    private OrderLoadResult result(ShippedEvents events, OrderPlacer placer, long notSent, double drainSeconds) {
        List<String> trouble = new ArrayList<>(errors.summary());
        long unseen = tracker.shippedButNeverSeenPlaced();
        if (unseen > 0) {
            trouble.add(String.format(Locale.ROOT, "%,d order.shipped for orders never seen placed", unseen));
        }
        long shopDead = events.messagesIn("shop.dead");
        long emailDead = events.messagesIn("email.dead");
        String parked = (shopDead < 0 ? "?" : Long.toString(shopDead)) + " / "
                + (emailDead < 0 ? "?" : Long.toString(emailDead));
        return new OrderLoadResult(options.name(), options.describe(), events.server(),
                OrderLoadResult.endpoints(options), options.duration().toMillis() / 1000.0,
                placer.placedMeasured(), shippedAtWindowEnd - shippedAtWindowStart, placer.placed(), notSent,
                tracker.awaitingShipment(), drainSeconds, options.drainTimeout().toMillis() / 1000.0,
                tracker.duplicates(), LatencyPercentiles.of(tracker.placedToShipped().measuredSoFar()),
                LatencyPercentiles.of(placer.post().measuredSoFar()), trouble, parked, null);
    }
}
