package io.eventyard.bench.orders;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pairs each placed order with its {@code order.shipped} event and records the time between them, from when
 * the order was due. Either side may come first: an event can overtake the HTTP answer that carries the
 * order id. A second event for one order (at-least-once delivery) is counted, not timed again.
 *
 * <p>Thread-safe: HTTP answers and AMQP deliveries arrive on different threads; every change to one order
 * happens inside one atomic {@code compute} on its id.
 */
final class ShipmentTracker {

    private sealed interface State permits Placed, ShippedFirst {
    }

    private record Placed(long dueNanos, boolean measured) implements State {
    }

    private record ShippedFirst(long atNanos) implements State {
    }

    private final ConcurrentHashMap<String, State> open = new ConcurrentHashMap<>();
    private final Set<String> shippedIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong awaiting = new AtomicLong();
    private final LongAdder shipped = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LatencyMeter placedToShipped = new LatencyMeter();

    /**
     * Order-service answered 201 for this order.
     *
     * @param dueNanos when the order was due (open loop) or sent (as fast as possible)
     * @param measured whether it was due in the measured window
     */
    void placed(String orderId, long dueNanos, boolean measured) {
        open.compute(orderId, (id, state) -> {
            if (state instanceof ShippedFirst first) {
                placedToShipped.record(first.atNanos() - dueNanos, measured);
                return null;
            }
            if (state == null && !shippedIds.contains(id)) {
                awaiting.incrementAndGet();
            }
            return new Placed(dueNanos, measured);
        });
    }

    /** An {@code order.shipped} event for this order arrived at {@code atNanos}. */
    void shipped(String orderId, long atNanos) {
        open.compute(orderId, (id, state) -> {
            if (!shippedIds.add(id)) {
                duplicates.increment();
                return state;
            }
            shipped.increment();
            if (state instanceof Placed placed) {
                awaiting.decrementAndGet();
                placedToShipped.record(atNanos - placed.dueNanos(), placed.measured());
                return null;
            }
            return new ShippedFirst(atNanos);
        });
    }

    /** Orders placed whose {@code order.shipped} has not come. */
    long awaitingShipment() {
        return awaiting.get();
    }

    /** Distinct orders whose {@code order.shipped} arrived, whether or not their placing was seen. */
    long shipped() {
        return shipped.sum();
    }

    /** {@code order.shipped} events for an order already shipped. */
    long duplicates() {
        return duplicates.sum();
    }

    /**
     * {@code order.shipped} events for orders this generator never saw placed: a request that timed out on
     * this side after the service took it, or someone else's order on the same broker.
     */
    long shippedButNeverSeenPlaced() {
        return open.values().stream().filter(ShippedFirst.class::isInstance).count();
    }

    LatencyMeter placedToShipped() {
        return placedToShipped;
    }
}
