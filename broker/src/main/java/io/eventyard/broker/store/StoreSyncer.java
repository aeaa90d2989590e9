package io.eventyard.broker.store;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for {@link QueueLog}s: one daemon thread that makes buffered appends durable for many logs and
 * many publishers at once. There is no timer: while one round writes and fsyncs, requests pile up, and the next
 * round takes all of them, so the fsync rate adapts to the disk and a quiet broker syncs at once.
 *
 * <p>A round takes every log marked dirty so far, {@linkplain QueueLog#sync() syncs} each (write, then
 * {@code fdatasync} per file written, then the directory when files were created or deleted), and then tells the
 * listener the highest ticket handed out before the round began. A failure ends syncing for good: it is reported
 * once through {@link SyncListener#failed} and no ticket is confirmed after it.
 *
 * <p>Threads: {@link #requestSync} and {@link #close()} are for the owner thread (the core thread);
 * {@link #requestSync} only takes a short lock, never waits for I/O. The listener is called on the syncer's thread.
 */
public final class StoreSyncer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSyncer.class);

    private final SyncListener listener;
    private final Thread thread;
    private final Object lock = new Object();

    // guarded by lock
    private Set<QueueLog> dirty = new LinkedHashSet<>();
    private long lastTicket;
    private boolean closing;

    private volatile StoreException failure;

    /** Starts the syncer's thread, "store-syncer". */
    public StoreSyncer(SyncListener listener) {
        this.listener = listener;
        this.thread = new Thread(this::run, "store-syncer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Marks {@code log} as having buffered appends, acks or marks to make durable, and returns a ticket: once the
     * listener is told a ticket at least as high, everything buffered in {@code log} before this call is on disk.
     * Tickets start at 1 and grow by one per call.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public long requestSync(QueueLog log) {
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("the store syncer is closed");
            }
            long ticket = ++lastTicket;
            if (failure == null && dirty.add(log) && dirty.size() == 1) {
                lock.notifyAll();
            }
            return ticket;
        }
    }

    /** The failure that stopped syncing, or null while all is well. */
    public StoreException failure() {
        return failure;
    }

    /** Syncs what has been requested so far, then stops the thread. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Set<QueueLog> round;
            long upTo;
            synchronized (lock) {
                while (dirty.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only close() stops this thread: an interrupt would close the file channels it uses
                    }
                }
                if (dirty.isEmpty()) {
                    return;
                }
                round = dirty;
                dirty = new LinkedHashSet<>();
                upTo = lastTicket;
            }
            QueueLog syncing = null;
            long started = System.nanoTime();
            try {
                for (QueueLog log : round) {
                    syncing = log;
                    log.sync();
                }
            } catch (StoreException e) {
                fail(e);
                return;
            } catch (RuntimeException e) {
                fail(new StoreException(syncing.directory(), "syncing failed unexpectedly", e));
                return;
            }
            try {
                listener.roundCompleted(round.size(), System.nanoTime() - started);
                listener.synced(upTo);
            } catch (RuntimeException e) {
                LOG.error("The sync listener failed on ticket {}", upTo, e);
            }
        }
    }

    private void fail(StoreException e) {
        LOG.error("Syncing the message store failed; no publish is confirmed from here on", e);
        synchronized (lock) {
            failure = e;
            dirty.clear();
        }
        try {
            listener.failed(e);
        } catch (RuntimeException listenerFailure) {
            LOG.error("The sync listener failed on a store failure", listenerFailure);
        }
    }
}
