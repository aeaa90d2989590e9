package io.eventyard.broker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable messages of one queue (or one MQTT session, or the retained messages): opaque records appended
 * in order to segment files in a directory of its own, with an ack file per segment (layouts in
 * {@code package-info}). A record is named by its {@code long} position, {@code segment << 32 | offset}; the
 * caller keeps positions, the log keeps two counters per segment and nothing per record, so millions of records
 * cost the heap only their positions, and bodies can be {@link #read} back when needed.
 *
 * <p>Appends, acks and delivered marks are buffered in memory and become durable when a {@link StoreSyncer}
 * syncs this log (ask with {@link StoreSyncer#requestSync}, also after acks, or they wait for the next append).
 * When every record of a segment that is closed to appends is acked, the syncer deletes its two files.
 *
 * <p>Threads: one owner thread (the core thread) calls everything public. {@link #sync()} is the one method
 * another thread calls, the syncer's; the buffers it shares with the owner sit behind a short lock that is never
 * held during I/O, so {@link #append} and {@link #read} never wait on the disk. {@link #close()} and
 * {@link #delete()} wait for a sync of this log that is under way. Do not interrupt a thread while it is in here:
 * an interrupt closes the file channel it is using.
 *
 * <p>One log per directory: the caller keeps two logs off the same directory (the broker's data directory is
 * locked as a whole).
 */
public final class QueueLog implements AutoCloseable {

    /** The largest payload, so that a framed record still fits in one array. */
    public static final int MAX_PAYLOAD = 1 << 30;
    /** Appended bytes are buffered in chunks of about this size, so that no buffer grows past what an array holds. */
    static final int CHUNK_SIZE = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(QueueLog.class);

    private final Path dir;
    private final QueueLogConfig config;
    private final FileChannels channels;

    // owner thread
    private final TreeMap<Long, QueueSegment> segments;
    private QueueSegment current;
    private long nextNumber;
    private List<LoggedRecord> recovered;
    private boolean closed;

    // guarded by buffers
    private final Object buffers = new Object();
    private List<PendingBytes> pendingRecords = new ArrayList<>();
    /** Taken by a sync and being written; readable here until they are in the file. */
    private List<PendingBytes> writingRecords = List.of();
    private Map<QueueSegment, PendingBytes> pendingMarks = new LinkedHashMap<>();
    private List<QueueSegment> pendingDead = new ArrayList<>();
    private long pendingBytes;

    // guarded by syncLock
    private final Object syncLock = new Object();
    private QueueSegment writing;
    private boolean released;
    private volatile StoreException failure;

    private QueueLog(Path dir, QueueLogConfig config, FileChannels channels, QueueLogRecovery.Result recovery) {
        this.dir = dir;
        this.config = config;
        this.channels = channels;
        this.segments = recovery.segments();
        this.nextNumber = recovery.nextNumber();
    }

    /**
     * Opens the log in {@code dir}, creating the directory when missing, and reads it: the live records are kept
     * for {@link #recover()}. A half-written tail left by a crash is cut and logged with file and offset (see
     * {@code package-info}); a file that is not a segment or ack file of this version is refused.
     */
    public static QueueLog open(Path dir, QueueLogConfig config) throws StoreException {
        List<LoggedRecord> live = new ArrayList<>();
        QueueLog log = open(dir, config, FileChannels.DEFAULT, live::add);
        log.recovered = live;
        return log;
    }

    /**
     * Opens the log like {@link #open(Path, QueueLogConfig)} but hands each live record to {@code recovered}, in
     * append order and on the calling thread, instead of keeping them: for queues deeper than the heap, whose
     * owner keeps positions and reads bodies back later. {@link #recover()} is then empty.
     */
    public static QueueLog open(Path dir, QueueLogConfig config, Consumer<LoggedRecord> recovered)
            throws StoreException {
        return open(dir, config, FileChannels.DEFAULT, recovered);
    }

    static QueueLog open(Path dir, QueueLogConfig config, FileChannels channels, Consumer<LoggedRecord> recovered)
            throws StoreException {
        QueueLog log = new QueueLog(dir, config, channels, QueueLogRecovery.recover(dir, channels, recovered));
        log.recovered = List.of();
        return log;
    }

    /**
     * The records that were live when the log was opened, in append order; handed over once, so that the log
     * holds no payloads afterwards: later calls return an empty list.
     */
    public List<LoggedRecord> recover() {
        List<LoggedRecord> live = recovered;
        recovered = List.of();
        return live;
    }

    /**
     * Appends a record and returns its position. It is buffered and readable at once, and durable after the next
     * sync of this log that starts after this call.
     *
     * @throws IllegalArgumentException when the payload is empty or larger than {@link #MAX_PAYLOAD}
     */
    public long append(byte[] payload) {
        checkOpen();
        if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a record payload must have 1 to " + MAX_PAYLOAD + " bytes, not "
                    + payload.length);
        }
        long size = QueueSegment.RECORD_HEADER_SIZE + (long) payload.length;
        if (current == null
                || current.appendEnd > QueueSegment.FILE_HEADER_SIZE && current.appendEnd + size > config.segmentSize()) {
            startSegment();
        }
        QueueSegment segment = current;
        long offset = segment.appendEnd;
        segment.appendEnd += size;
        segment.records++;
        synchronized (buffers) {
            PendingBytes last = pendingRecords.isEmpty() ? null : pendingRecords.get(pendingRecords.size() - 1);
            if (last == null || last.segment != segment || last.length() > 0 && last.length() + size > CHUNK_SIZE) {
                last = new PendingBytes(segment, offset);
                pendingRecords.add(last);
            }
            last.putRecord(payload);
            pendingBytes += size;
        }
        return segment.position(offset);
    }

    /**
     * Records that the record at {@code position} is done with; it will not be recovered. Each position is acked
     * at most once: the log counts acks per segment and cannot tell a repeated one.
     */
    public void ack(long position) {
        QueueSegment segment = liveSegment(position);
        if (segment.acked >= segment.records) {
            throw new IllegalStateException("every record of " + segment.msgsFile + " is acked already");
        }
        mark(segment, QueueSegment.ACKED, position);
        segment.acked++;
        if (segment != current && segment.fullyAcked()) {
            retire(segment);
        }
    }

    /** Records that the record at {@code position} went out to a consumer, so that it comes back as redelivered. */
    public void markDelivered(long position) {
        mark(liveSegment(position), QueueSegment.DELIVERED, position);
    }

    /**
     * The payload of a record that is not acked, whether it is synced, being written or only buffered. Reads
     * from the file check the record's checksum.
     *
     * @throws StoreException when the file cannot be read or the record there is damaged
     */
    public byte[] read(long position) throws StoreException {
        QueueSegment segment = liveSegment(position);
        int offset = QueueSegment.offset(position);
        if (offset < QueueSegment.FILE_HEADER_SIZE || offset >= segment.appendEnd) {
            throw new IllegalArgumentException("no record at position " + Long.toHexString(position));
        }
        synchronized (buffers) {
            byte[] payload = buffered(writingRecords, segment, offset);
            if (payload == null) {
                payload = buffered(pendingRecords, segment, offset);
            }
            if (payload != null) {
                return payload;
            }
        }
        // not buffered, so written: a sync takes records out of its list only after they are in the file
        return readFromFile(segment, offset);
    }

    /** Bytes appended, acked or marked and not yet taken by a sync: what a crash now would lose. */
    public long pendingBytes() {
        synchronized (buffers) {
            return pendingBytes;
        }
    }

    public Path directory() {
        return dir;
    }

    /**
     * Writes what is buffered, fsyncs each file written, and deletes dead segments. Called by the
     * {@link StoreSyncer}'s thread (and by {@link #close()}); appends may go on meanwhile. After a failure every
     * later call throws the same exception.
     */
    void sync() throws StoreException {
        synchronized (syncLock) {
            if (!released) {
                syncLocked();
            }
        }
    }

    /** Writes and syncs what is buffered, then closes the files. A failure is logged: the owner is going away. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        recovered = List.of();
        synchronized (syncLock) {
            if (released) {
                return;
            }
            try {
                closingNow = true;
                syncLocked();
            } catch (StoreException e) {
                LOG.error("Closing {}: what was not yet synced may be lost", dir, e);
            }
            released = true;
            closeChannels();
        }
    }

    /** Closes the log and removes its directory with everything in it; the records are gone. */
    public void delete() {
        closed = true;
        recovered = List.of();
        synchronized (syncLock) {
            released = true;
            synchronized (buffers) {
                pendingRecords = new ArrayList<>();
                writingRecords = List.of();
                pendingMarks = new LinkedHashMap<>();
                pendingBytes = 0;
            }
            closeChannels();
            try {
                deleteDirectory();
            } catch (IOException e) {
                LOG.error("Cannot delete {} of a deleted queue; its records may come back at the next start", dir, e);
            }
        }
    }

    /** The numbers of the segments that have live records or take appends, oldest first; for tests. */
    List<Long> segmentNumbers() {
        return List.copyOf(segments.keySet());
    }

    private void startSegment() {
        if (nextNumber > QueueSegment.MAX_NUMBER) {
            throw new IllegalStateException(dir + ": segment numbers are exhausted");
        }
        QueueSegment previous = current;
        current = new QueueSegment(dir, nextNumber++);
        current.appendEnd = QueueSegment.FILE_HEADER_SIZE;
        segments.put(current.number, current);
        if (previous != null && previous.fullyAcked()) {
            retire(previous);
        }
    }

    /** A segment closed to appends whose records are all acked: the next sync deletes its files. */
    private void retire(QueueSegment segment) {
        segments.remove(segment.number);
        StoreFiles.closeQuietly(segment.readChannel);
        segment.readChannel = null;
        synchronized (buffers) {
            pendingDead.add(segment);
        }
    }

    private void mark(QueueSegment segment, byte kind, long position) {
        checkOpen();
        int offset = QueueSegment.offset(position);
        if (offset < QueueSegment.FILE_HEADER_SIZE || offset >= segment.appendEnd) {
            throw new IllegalArgumentException("no record at position " + Long.toHexString(position));
        }
        synchronized (buffers) {
            pendingMarks.computeIfAbsent(segment, s -> new PendingBytes(s, -1)).putAckEntry(kind, offset);
            pendingBytes += QueueSegment.ACK_ENTRY_SIZE;
        }
    }

    private QueueSegment liveSegment(long position) {
        checkOpen();
        QueueSegment segment = segments.get(QueueSegment.number(position));
        if (segment == null) {
            throw new IllegalArgumentException("position " + Long.toHexString(position)
                    + " is not in a live segment of " + dir);
        }
        return segment;
    }

    private static byte[] buffered(List<PendingBytes> chunks, QueueSegment segment, int offset) {
        for (PendingBytes chunk : chunks) {
            if (chunk.segment == segment) {
                byte[] payload = chunk.payloadAt(offset);
                if (payload != null) {
                    return payload;
                }
            }
        }
        return null;
    }

    private byte[] readFromFile(QueueSegment segment, int offset) throws StoreException {
        try {
            if (segment.readChannel == null || !segment.readChannel.isOpen()) {
                segment.readChannel = channels.open(segment.msgsFile, StandardOpenOption.READ);
            }
            ByteBuffer header = ByteBuffer.allocate(QueueSegment.RECORD_HEADER_SIZE);
            StoreFiles.readFully(segment.readChannel, offset, header);
            header.flip();
            int length = header.getInt();
            int checksum = header.getInt();
            if (length <= 0 || offset + QueueSegment.RECORD_HEADER_SIZE + (long) length > segment.appendEnd) {
                throw new StoreException(segment.msgsFile, offset, "no record here (length "
                        + Integer.toUnsignedString(length) + ")");
            }
            byte[] payload = new byte[length];
            StoreFiles.readFully(segment.readChannel, offset + QueueSegment.RECORD_HEADER_SIZE, ByteBuffer.wrap(payload));
            if (QueueSegment.crc(payload, 0, length) != checksum) {
                throw new StoreException(segment.msgsFile, offset, "the record fails its checksum");
            }
            return payload;
        } catch (IOException e) {
            StoreFiles.closeQuietly(segment.readChannel);
            segment.readChannel = null;
            throw new StoreException(segment.msgsFile, offset, "cannot read the record", e);
        }
    }

    private static final long MARKS_SYNC_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    // syncer thread only (under the sync lock)
    private final Set<QueueSegment> unsyncedMarks = new LinkedHashSet<>();
    private long lastMarksSync = System.nanoTime();
    private volatile boolean closingNow;

    private void syncLocked() throws StoreException {
        StoreException failed = failure;
        if (failed != null) {
            throw failed;
        }
        List<PendingBytes> records;
        List<PendingBytes> marks;
        List<QueueSegment> dead;
        synchronized (buffers) {
            records = pendingRecords;
            marks = new ArrayList<>(pendingMarks.values());
            dead = pendingDead;
            if (records.isEmpty() && marks.isEmpty() && dead.isEmpty()) {
                return;
            }
            pendingRecords = new ArrayList<>();
            writingRecords = records;
            pendingMarks = new LinkedHashMap<>();
            pendingDead = new ArrayList<>();
            pendingBytes = 0;
        }
        Path file = dir;
        try {
            Set<QueueSegment> recordsWritten = new LinkedHashSet<>();
            Set<QueueSegment> marksWritten = new LinkedHashSet<>();
            List<QueueSegment> superseded = new ArrayList<>();
            boolean created = false;
            for (PendingBytes chunk : records) {
                QueueSegment segment = chunk.segment;
                file = segment.msgsFile;
                if (segment.writeChannel == null) {
                    segment.writeChannel = channels.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    StoreFiles.writeFully(segment.writeChannel, 0, QueueSegment.fileHeader(QueueSegment.MSGS_MAGIC));
                    created = true;
                }
                if (writing != segment) {
                    if (writing != null) {
                        superseded.add(writing);
                    }
                    writing = segment;
                }
                StoreFiles.writeFully(segment.writeChannel, chunk.fileOffset, chunk.contents());
                recordsWritten.add(segment);
            }
            synchronized (buffers) {
                writingRecords = List.of();
            }
            for (PendingBytes chunk : marks) {
                QueueSegment segment = chunk.segment;
                file = segment.acksFile;
                if (segment.acksChannel == null) {
                    segment.acksChannel = channels.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                }
                if (segment.acksEnd == 0) {
                    StoreFiles.writeFully(segment.acksChannel, 0, QueueSegment.fileHeader(QueueSegment.ACKS_MAGIC));
                    segment.acksEnd = QueueSegment.FILE_HEADER_SIZE;
                    created = true;
                }
                StoreFiles.writeFully(segment.acksChannel, segment.acksEnd, chunk.contents());
                segment.acksEnd += chunk.length();
                marksWritten.add(segment);
            }
            for (QueueSegment segment : recordsWritten) {
                file = segment.msgsFile;
                segment.writeChannel.force(false);
            }
            // Ack and delivered marks are written every round but fsynced at most once per second (and on close):
            // a lost mark only means a message delivered again after a crash (at least once), and not waiting for
            // a second fsync per round halves the confirm latency of a publisher whose consumer acks as it goes.
            unsyncedMarks.addAll(marksWritten);
            long now = System.nanoTime();
            if (!unsyncedMarks.isEmpty() && (closingNow || now - lastMarksSync >= MARKS_SYNC_INTERVAL_NANOS)) {
                for (QueueSegment segment : unsyncedMarks) {
                    if (segment.acksChannel != null && segment.acksChannel.isOpen()) {
                        file = segment.acksFile;
                        segment.acksChannel.force(false);
                    }
                }
                unsyncedMarks.clear();
                lastMarksSync = now;
            }
            file = dir;
            if (created) {
                StoreFiles.syncDirectory(channels, dir);
            }
            for (QueueSegment segment : superseded) {
                StoreFiles.closeQuietly(segment.writeChannel);
                segment.writeChannel = null;
            }
            deleteDead(dead);
        } catch (IOException e) {
            failure = new StoreException(file, "cannot write or sync", e);
            throw failure;
        }
    }

    /** Deletes the files of segments whose records are all acked; their marks are synced first. */
    private void deleteDead(List<QueueSegment> dead) throws IOException {
        if (dead.isEmpty()) {
            return;
        }
        for (QueueSegment segment : dead) {
            if (writing == segment) {
                writing = null;
            }
            StoreFiles.closeQuietly(segment.writeChannel);
            StoreFiles.closeQuietly(segment.acksChannel);
            segment.writeChannel = null;
            segment.acksChannel = null;
            // the records first: an ack file without its segment is known stray on recovery
            Files.deleteIfExists(segment.msgsFile);
            Files.deleteIfExists(segment.acksFile);
        }
        StoreFiles.syncDirectory(channels, dir);
    }

    private void closeChannels() {
        List<QueueSegment> all = new ArrayList<>(segments.values());
        synchronized (buffers) {
            all.addAll(pendingDead);
        }
        for (QueueSegment segment : all) {
            StoreFiles.closeQuietly(segment.writeChannel);
            StoreFiles.closeQuietly(segment.acksChannel);
            StoreFiles.closeQuietly(segment.readChannel);
            segment.writeChannel = null;
            segment.acksChannel = null;
            segment.readChannel = null;
        }
        writing = null;
    }

    private void deleteDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.delete(entry);
            }
        }
        Files.delete(dir);
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            StoreFiles.syncDirectory(channels, parent);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(dir + " is closed");
        }
    }
}
