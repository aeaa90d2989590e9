package io.eventyard.broker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file of change records behind {@link DefinitionStore}: framing, checksums, fsync, recovery
 * of a damaged tail and compaction by rename. The layout is the table in {@code package-info}.
 *
 * <p>Fsync policy: every append is forced to disk ({@code fdatasync}) before it returns. After a failed write
 * or fsync the log refuses all further work, since what reached the disk is then unknown.
 *
 * <p>Not thread-safe: owned by the core thread.
 */
final class DefinitionLog implements AutoCloseable {

    static final String FILE_NAME = "definitions.log";
    static final String COMPACTING_FILE_NAME = "definitions.log.compacting";
    static final String LOCK_FILE_NAME = "definitions.lock";

    static final byte[] MAGIC = {'E', 'Y', 'D', 'E', 'F', 'S'};
    static final short VERSION = 1;
    static final int FILE_HEADER_SIZE = 8;
    static final int RECORD_HEADER_SIZE = 8;
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;
    /** Changes per record when compacting, so that no record of a big live set grows large. */
    static final int CHANGES_PER_COMPACTED_RECORD = 512;

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionLog.class);

    private final Path dir;
    private final Path file;
    private final FileChannels channels;
    private final FileChannel lockChannel;
    private FileChannel channel;
    private long end;
    private StoreException failure;
    private boolean closed;

    private DefinitionLog(Path dir, FileChannels channels, FileChannel lockChannel) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.channels = channels;
        this.lockChannel = lockChannel;
    }

    /** Opens or creates the log in {@code dir}, handing {@code replay} each intact record's changes in order. */
    static DefinitionLog open(Path dir, FileChannels channels, Consumer<List<DefinitionChange>> replay)
            throws StoreException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException(dir, "cannot create the data directory", e);
        }
        FileChannel lockChannel = lock(dir, channels);
        DefinitionLog log = new DefinitionLog(dir, channels, lockChannel);
        try {
            log.recover(replay);
            return log;
        } catch (StoreException | RuntimeException e) {
            log.closeQuietly();
            throw e;
        }
    }

    /** Appends one record holding {@code changes}, durable when this returns. */
    void append(List<DefinitionChange> changes) throws StoreException {
        checkUsable();
        byte[] payload = DefinitionCodec.encode(changes);
        if (payload.length > MAX_PAYLOAD) {
            throw new StoreException(file, end, "a change of " + payload.length + " bytes exceeds the record limit of "
                    + MAX_PAYLOAD);
        }
        ByteBuffer record = frame(payload);
        try {
            long position = end;
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
            channel.force(false);
            end = position;
        } catch (IOException e) {
            throw fail(new StoreException(file, end, "cannot write or sync a record", e));
        }
    }

    /** The log's length in bytes. */
    long size() {
        return end;
    }

    Path file() {
        return file;
    }

    /**
     * Replaces the log by one holding just {@code live} as puts: written to a temporary file, synced, renamed
     * over the log, and the directory synced. A failure before the rename leaves the old log in use and is only
     * logged (false); one after it makes the log unusable (thrown).
     */
    boolean compact(List<Definition> live) throws StoreException {
        checkUsable();
        Path compacting = dir.resolve(COMPACTING_FILE_NAME);
        long written;
        try (FileChannel out = channels.open(compacting, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            written = writeFully(out, 0, fileHeader());
            for (int from = 0; from < live.size(); from += CHANGES_PER_COMPACTED_RECORD) {
                List<DefinitionChange> chunk = live.subList(from, Math.min(live.size(), from + CHANGES_PER_COMPACTED_RECORD))
                        .stream().map(DefinitionChange::put).toList();
                written += writeFully(out, written, frame(DefinitionCodec.encode(chunk)));
            }
            out.force(true);
        } catch (IOException e) {
            LOG.warn("Compaction of {} failed while writing {}; the log stays as it is", file, compacting, e);
            deleteQuietly(compacting);
            return false;
        }
        try {
            Files.move(compacting, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Compaction of {} failed to rename {} over it; the log stays as it is", file, compacting, e);
            deleteQuietly(compacting);
            return false;
        }
        long before = end;
        try {
            syncDirectory();
            FileChannel old = channel;
            channel = channels.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            end = written;
            closeQuietly(old);
        } catch (IOException e) {
            throw fail(new StoreException(file, "cannot reopen the log after compaction", e));
        }
        LOG.info("Compacted {} from {} to {} bytes ({} definitions)", file, before, written, live.size());
        return true;
    }

    @Override
    public void close() throws StoreException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
            lockChannel.close();
        } catch (IOException e) {
            throw new StoreException(file, "cannot close the log", e);
        }
    }

    private void recover(Consumer<List<DefinitionChange>> replay) throws StoreException {
        Path compacting = dir.resolve(COMPACTING_FILE_NAME);
        try {
            if (Files.deleteIfExists(compacting)) {
                LOG.warn("Deleted {} left by a compaction that did not finish; {} is intact", compacting, file);
            }
            boolean created = !Files.exists(file);
            channel = channels.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = channel.size();
            if (size < FILE_HEADER_SIZE) {
                if (size > 0) {
                    LOG.warn("{} is shorter than its header ({} bytes): a creation that did not finish; starting it anew",
                            file, size);
                }
                channel.truncate(0);
                writeFully(channel, 0, fileHeader());
                channel.force(true);
                if (created) {
                    syncDirectory();
                }
                end = FILE_HEADER_SIZE;
                return;
            }
            checkHeader();
            end = replay(size, replay);
        } catch (IOException e) {
            throw new StoreException(file, "cannot open or read the log", e);
        }
    }

    private void checkHeader() throws IOException, StoreException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_SIZE);
        readFully(0, header);
        header.flip();
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new StoreException(file, 0, "not a definitions log (bad magic)");
        }
        short version = header.getShort();
        if (version != VERSION) {
            throw new StoreException(file, MAGIC.length, "unsupported log version " + version + ", expected " + VERSION);
        }
    }

    /** Replays every intact record and cuts a damaged tail; returns the end of the intact part. */
    private long replay(long size, Consumer<List<DefinitionChange>> replay) throws IOException, StoreException {
        long position = FILE_HEADER_SIZE;
        ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER_SIZE);
        while (position < size) {
            if (size - position < RECORD_HEADER_SIZE) {
                return cut(position, size, "a record header is incomplete");
            }
            recordHeader.clear();
            readFully(position, recordHeader);
            recordHeader.flip();
            int length = recordHeader.getInt();
            int checksum = recordHeader.getInt();
            long payloadStart = position + RECORD_HEADER_SIZE;
            if (length <= 0 || length > MAX_PAYLOAD) {
                if (isZeroFrom(position, size)) {
                    return cut(position, size, "the tail is zero-filled");
                }
                if (payloadStart + Integer.toUnsignedLong(length) > size) {
                    return cut(position, size, "a record length runs past the end of the file");
                }
                throw new StoreException(file, position, "invalid record length " + Integer.toUnsignedString(length));
            }
            if (payloadStart + length > size) {
                return cut(position, size, "the last record is incomplete");
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(payloadStart, payload);
            payload.flip();
            if (crc(payload) != checksum) {
                if (payloadStart + length == size) {
                    return cut(position, size, "the last record fails its checksum");
                }
                throw new StoreException(file, position, "record fails its checksum and intact data may follow;"
                        + " refusing to drop it (restore the file or cut it at this offset by hand)");
            }
            List<DefinitionChange> changes;
            try {
                changes = DefinitionCodec.decode(payload);
            } catch (MalformedRecordException e) {
                throw new StoreException(file, position, "record passes its checksum but does not decode: "
                        + e.getMessage(), e);
            }
            replay.accept(changes);
            position = payloadStart + length;
        }
        return position;
    }

    private long cut(long position, long size, String reason) throws IOException {
        LOG.warn("Cutting the damaged tail of {} at offset {}: {}; {} bytes dropped", file, position, reason,
                size - position);
        channel.truncate(position);
        channel.force(true);
        return position;
    }

    private boolean isZeroFrom(long position, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long at = position;
        while (at < size) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), size - at));
            readFully(at, buffer);
            buffer.flip();
            while (buffer.hasRemaining()) {
                if (buffer.get() != 0) {
                    return false;
                }
            }
            at += buffer.limit();
        }
        return true;
    }

    private void readFully(long position, ByteBuffer into) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at offset " + at);
            }
            at += read;
        }
    }

    private static long writeFully(FileChannel out, long position, ByteBuffer data) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += out.write(data, at);
        }
        return at - position;
    }

    private static ByteBuffer fileHeader() {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_SIZE);
        header.put(MAGIC).putShort(VERSION).flip();
        return header;
    }

    private static ByteBuffer frame(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_SIZE + payload.length);
        record.putInt(payload.length).putInt(crc(ByteBuffer.wrap(payload))).put(payload).flip();
        return record;
    }

    private static int crc(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    private static FileChannel lock(Path dir, FileChannels channels) throws StoreException {
        Path lockFile = dir.resolve(LOCK_FILE_NAME);
        FileChannel lockChannel = null;
        try {
            lockChannel = channels.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new StoreException(lockFile, "the data directory is in use by another process");
            }
            return lockChannel;
        } catch (OverlappingFileLockException e) {
            closeQuietly(lockChannel);
            throw new StoreException(lockFile, "the data directory is already open in this process", e);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StoreException(lockFile, "cannot lock the data directory", e);
        } catch (StoreException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** Makes a created or renamed file's directory entry durable. Windows cannot open a directory; skipped. */
    private void syncDirectory() throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel directory = channels.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void checkUsable() throws StoreException {
        if (failure != null) {
            throw new StoreException(file, "the log is unusable after an earlier failure: " + failure.getMessage(),
                    failure);
        }
        if (closed) {
            throw new StoreException(file, "the log is closed");
        }
    }

    private StoreException fail(StoreException e) {
        failure = e;
        return e;
    }

    private void closeQuietly() {
        closeQuietly(channel);
        closeQuietly(lockChannel);
        closed = true;
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", path, e);
        }
    }
}
