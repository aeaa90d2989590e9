package io.eventyard.broker.store;

import java.nio.file.Path;
import java.util.List;

/**
 * The durable definitions of the broker, what RabbitMQ keeps in Mnesia: virtual hosts, users, permissions, topic
 * permissions and durable exchanges, queues and bindings, kept in a data directory so that they survive a restart.
 *
 * <p>Every change is durable (fsynced) when its call returns; {@link #apply(List)} makes several changes
 * durable together, atomically and with one fsync. Removal cascades as in RabbitMQ, so the store never holds a
 * definition whose owner is gone: removing a virtual host removes its permissions, topic permissions,
 * exchanges, queues and bindings; a user its permissions and topic permissions; an exchange the bindings from and to it; a queue the bindings to it.
 * Definitions are identified as in RabbitMQ (see each record); putting an existing one replaces it in place.
 *
 * <p>The store validates nothing about the broker's rules (a binding may name an exchange it does not hold);
 * that is the core's work. After a failed write or fsync every later call throws, since what reached the disk
 * is then unknown: the broker should stop. The log is compacted when it has grown to
 * {@value #COMPACTION_RATIO} times the size of the live definitions and past a minimum size.
 *
 * <p>Not thread-safe: owned by the core thread.
 */
public final class DefinitionStore implements AutoCloseable {

    static final int COMPACTION_RATIO = 4;
    static final long DEFAULT_COMPACTION_MIN_BYTES = 1024 * 1024;

    private final DefinitionLog log;
    private final LiveDefinitions live;
    private final long compactionMinBytes;

    private DefinitionStore(DefinitionLog log, LiveDefinitions live, long compactionMinBytes) {
        this.log = log;
        this.live = live;
        this.compactionMinBytes = compactionMinBytes;
    }

    /**
     * Opens the store in {@code dir}, creating the directory and an empty log when missing, and replays the log.
     * A damaged tail (a record cut short by a crash) is cut off and logged; damage before intact records is
     * refused with a {@link StoreException} naming the file and offset. The directory is locked against a
     * second open store until {@link #close()}.
     */
    public static DefinitionStore open(Path dir) throws StoreException {
        return open(dir, FileChannels.DEFAULT, DEFAULT_COMPACTION_MIN_BYTES);
    }

    static DefinitionStore open(Path dir, FileChannels channels, long compactionMinBytes) throws StoreException {
        LiveDefinitions live = new LiveDefinitions();
        DefinitionLog log = DefinitionLog.open(dir, channels, changes -> changes.forEach(live::apply));
        DefinitionStore store = new DefinitionStore(log, live, compactionMinBytes);
        try {
            store.compactIfGrown();
        } catch (StoreException e) {
            store.closeQuietly();
            throw e;
        }
        return store;
    }

    /** Every definition the store holds now. */
    public Definitions load() {
        return live.snapshot();
    }

    /** Creates or replaces {@code definition}. */
    public void put(Definition definition) throws StoreException {
        apply(List.of(DefinitionChange.put(definition)));
    }

    /** Removes the definition with the identity of {@code definition}, and what depends on it. */
    public void remove(Definition definition) throws StoreException {
        apply(List.of(DefinitionChange.remove(definition)));
    }

    public void apply(DefinitionChange change) throws StoreException {
        apply(List.of(change));
    }

    /**
     * Applies {@code changes} in order, all or none after a crash, with one fsync. When this is the change that
     * triggers a compaction and the compaction fails past its point of no return, the changes are durable but
     * this still throws, and the store is unusable from then on.
     */
    public void apply(List<DefinitionChange> changes) throws StoreException {
        if (changes.isEmpty()) {
            return;
        }
        log.append(changes);
        changes.forEach(live::apply);
        compactIfGrown();
    }

    /** Rewrites the log to hold only the live definitions; false when that failed and the old log stays. */
    public boolean compact() throws StoreException {
        return log.compact(live.all());
    }

    /** The log file, for messages and the operator. */
    public Path file() {
        return log.file();
    }

    @Override
    public void close() throws StoreException {
        log.close();
    }

    private void compactIfGrown() throws StoreException {
        long size = log.size();
        if (size >= compactionMinBytes && size > COMPACTION_RATIO * compactedSizeEstimate()) {
            log.compact(live.all());
        }
    }

    private long compactedSizeEstimate() {
        long changes = live.count();
        long records = changes / DefinitionLog.CHANGES_PER_COMPACTED_RECORD + 1;
        return DefinitionLog.FILE_HEADER_SIZE + records * (DefinitionLog.RECORD_HEADER_SIZE + 4) + live.encodedBytes();
    }

    private void closeQuietly() {
        try {
            log.close();
        } catch (StoreException ignored) {
            // the error that made us close is the one reported
        }
    }
}
