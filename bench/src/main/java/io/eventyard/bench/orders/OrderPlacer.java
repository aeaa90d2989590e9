package io.eventyard.bench.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.eventyard.bench.Incidents;

/**
 * Places orders with {@code POST /orders} over HTTP/1.1 (the JDK client, asynchronous, keep-alive), at most
 * a fixed number in flight: each request holds a slot from {@link #awaitSlot} until its answer is handled.
 * Times each answer from when its order was due, and hands the order id to the {@link ShipmentTracker}.
 */
final class OrderPlacer implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final ExecutorService executor;
    private final URI endpoint;
    private final OrderRequestBody bodies;
    private final ShipmentTracker tracker;
    private final Incidents errors;
    private final int maxInFlight;
    private final Semaphore slots;
    private final LatencyMeter post = new LatencyMeter();
    private final LongAdder placed = new LongAdder();
    private final LongAdder placedMeasured = new LongAdder();

    OrderPlacer(URI endpoint, OrderRequestBody bodies, int maxInFlight, ShipmentTracker tracker, Incidents errors) {
        this.endpoint = endpoint;
        this.bodies = bodies;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.tracker = tracker;
        this.errors = errors;
        // Two threads handle the answers; the client's own selector thread does the I/O. Plenty for a few
        // thousand small requests a second, and it leaves the shared cores to the services under test.
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "order-load-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** Waits for a free slot until {@code deadlineNanos}; whether one was taken. */
    boolean awaitSlot(long deadlineNanos) throws InterruptedException {
        return slots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Gives back a slot taken by {@link #awaitSlot} without sending. */
    void releaseSlot() {
        slots.release();
    }

    /**
     * Sends order {@code sequence}; the caller holds a slot, which is given back once the answer is handled.
     *
     * @param dueNanos when the order was due, the start of its latencies
     * @param measured whether it was due in the measured window
     */
    void send(long sequence, long dueNanos, boolean measured) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.forOrder(sequence)))
                .build();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, failure) -> {
                        try {
                            handle(response, failure, dueNanos, measured);
                        } finally {
                            slots.release();
                        }
                    });
        } catch (RuntimeException e) {
            slots.release();
            errors.report("POST /orders not sent: " + Incidents.describe(e));
        }
    }

    private void handle(HttpResponse<String> response, Throwable failure, long dueNanos, boolean measured) {
        long now = System.nanoTime();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            errors.report("POST /orders failed: " + Incidents.describe(cause));
            return;
        }
        if (response.statusCode() != 201) {
            String title = JsonField.topLevel(response.body(), "title").map(text -> " " + text).orElse("");
            errors.report("POST /orders answered " + response.statusCode() + title);
            return;
        }
        var id = JsonField.topLevel(response.body(), "id");
        if (id.isEmpty()) {
            errors.report("POST /orders answered 201 without an id");
            return;
        }
        post.record(now - dueNanos, measured);
        placed.increment();
        if (measured) {
            placedMeasured.increment();
        }
        tracker.placed(id.get(), dueNanos, measured);
    }

    /** Waits until every request sent has been answered and handled, at most {@code timeout}. */
    boolean awaitAnswers(Duration timeout) throws InterruptedException {
        if (slots.tryAcquire(maxInFlight, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            slots.release(maxInFlight);
            return true;
        }
        return false;
    }

    int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /** Orders order-service took (201 with an id), warm-up included. */
    long placed() {
        return placed.sum();
    }

    /** Orders due in the measured window that order-service took. */
    long placedMeasured() {
        return placedMeasured.sum();
    }

    LatencyMeter post() {
        return post;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
