package io.eventyard.broker.core;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.store.StoreException;
import io.eventyard.broker.store.SyncListener;

/**
 * Tells the core when what it appended to the message logs is on disk. The syncer reports tickets from its
 * own thread; actions waiting on a ticket run on the core thread, in ticket order, once an fsync covers it.
 * Publisher confirms, tx.commit-ok and HTTP publishes wait here, so "confirmed" means "fsynced".
 */
public final class Durability implements SyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(Durability.class);

    private record Waiter(long ticket, long order, Runnable action) {
    }

    private final CoreExecutor executor;
    // By ticket, then by arrival, so that actions for one ticket run in the order they were registered.
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingLong(Waiter::ticket).thenComparingLong(Waiter::order));
    private final AtomicReference<StoreException> failure = new AtomicReference<>();
    private long durableTicket;
    private java.util.function.Consumer<StoreException> onFailure = error -> { };
    private long registrations;

    public Durability(CoreExecutor executor) {
        this.executor = executor;
    }

    /**
     * Runs {@code action} on the core thread once {@code ticket} is durable: at once when it already is (or
     * when {@code ticket} is 0, meaning nothing had to be written). Core thread.
     */
    public void whenDurable(long ticket, Runnable action) {
        if (ticket <= durableTicket) {
            action.run();
        } else {
            waiting.add(new Waiter(ticket, registrations++, action));
        }
    }

    /** The highest ticket known to be on disk. Core thread. */
    public long durableTicket() {
        return durableTicket;
    }

    /** Whether a sync has failed: nothing more can be confirmed, since nothing more is known to be on disk. */
    public StoreException failure() {
        return failure.get();
    }

    @Override
    public void synced(long ticket) {
        executor.execute(() -> advance(ticket));
    }

    /** How long the store's group commits took: rounds, their total time and the longest, since start. */
    public record SyncTimings(long rounds, long totalNanos, long maxNanos) {
    }

    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong roundNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong maxRoundNanos = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void roundCompleted(int logs, long nanos) {
        rounds.incrementAndGet();
        roundNanos.addAndGet(nanos);
        maxRoundNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Any thread. */
    public SyncTimings syncTimings() {
        return new SyncTimings(rounds.get(), roundNanos.get(), maxRoundNanos.get());
    }

    @Override
    public void failed(StoreException error) {
        if (failure.compareAndSet(null, error)) {
            LOG.error("message store sync failed: confirms stop until the broker restarts", error);
            executor.execute(() -> onFailure.accept(error));
        }
    }

    /**
     * What to do when the store fails for good; the core closes every connection, so that no publisher
     * waits forever for a confirm that cannot come. Core thread.
     */
    public void onFailure(java.util.function.Consumer<StoreException> action) {
        this.onFailure = action;
    }

    private void advance(long ticket) {
        if (ticket <= durableTicket) {
            return;
        }
        durableTicket = ticket;
        while (!waiting.isEmpty() && waiting.peek().ticket() <= ticket) {
            waiting.poll().action().run();
        }
    }
}
