package io.eventyard.broker.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a {@link QueueLog} directory: reads every segment with its ack file, cuts what a crash left
 * half-written, deletes segments that turn out to be dead and rebuilds the counters of the rest. Only segments
 * with live records exist after a clean run, so the work grows with live data, not with history.
 */
final class QueueLogRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(QueueLogRecovery.class);
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{10})(\\.msgs|\\.acks)");
    private static final int SCAN_BUFFER_SIZE = 1 << 20;
    private static final int ACK_SCAN_BUFFER_SIZE = 1 << 16;

    /** The segments with live records, oldest first, and the number for the next new segment. */
    record Result(TreeMap<Long, QueueSegment> segments, long nextNumber) {
    }

    private final Path dir;
    private final FileChannels channels;
    private final Consumer<LoggedRecord> visitor;
    private boolean directoryChanged;

    private QueueLogRecovery(Path dir, FileChannels channels, Consumer<LoggedRecord> visitor) {
        this.dir = dir;
        this.channels = channels;
        this.visitor = visitor;
    }

    static Result recover(Path dir, FileChannels channels, Consumer<LoggedRecord> visitor) throws StoreException {
        return new QueueLogRecovery(dir, channels, visitor).run();
    }

    private Result run() throws StoreException {
        createDirectory();
        TreeMap<Long, Path> msgs = new TreeMap<>();
        TreeMap<Long, Path> acks = new TreeMap<>();
        list(msgs, acks);
        long highest = Math.max(msgs.isEmpty() ? 0 : msgs.lastKey(), acks.isEmpty() ? 0 : acks.lastKey());

        for (Map.Entry<Long, Path> ack : acks.entrySet()) {
            if (!msgs.containsKey(ack.getKey())) {
                // the segment was deleted and a crash came before its ack file followed
                LOG.info("Deleting {}: the ack file of a segment that no longer exists", ack.getValue());
                delete(ack.getValue());
            }
        }
        TreeMap<Long, QueueSegment> live = new TreeMap<>();
        for (long number : msgs.keySet()) {
            QueueSegment segment = new QueueSegment(dir, number);
            AckMarks marks = readAcks(segment);
            boolean kept = scan(segment, marks);
            if (kept && !segment.fullyAcked()) {
                live.put(number, segment);
            } else {
                delete(segment.msgsFile);
                delete(segment.acksFile);
            }
        }
        if (directoryChanged) {
            try {
                StoreFiles.syncDirectory(channels, dir);
            } catch (IOException e) {
                throw new StoreException(dir, "cannot sync the queue directory", e);
            }
        }
        if (highest >= QueueSegment.MAX_NUMBER) {
            throw new StoreException(dir, "segment numbers are exhausted");
        }
        return new Result(live, highest + 1);
    }

    /** Creates the directory and whatever parents are missing, and makes their entries durable. */
    private void createDirectory() throws StoreException {
        Path absolute = dir.toAbsolutePath();
        Path topmostMissing = null;
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            topmostMissing = p;
        }
        if (topmostMissing == null) {
            return;
        }
        Path syncing = absolute;
        try {
            Files.createDirectories(dir);
            for (Path created = absolute; created != null; created = created.getParent()) {
                syncing = created.getParent();
                StoreFiles.syncDirectory(channels, syncing);
                if (created.equals(topmostMissing)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new StoreException(syncing, "cannot create the queue directory " + dir, e);
        }
    }

    private void list(TreeMap<Long, Path> msgs, TreeMap<Long, Path> acks) throws StoreException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher name = FILE_NAME.matcher(entry.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                long number = Long.parseLong(name.group(1));
                (name.group(2).equals(QueueSegment.MSGS_SUFFIX) ? msgs : acks).put(number, entry);
            }
        } catch (IOException e) {
            throw new StoreException(dir, "cannot list the queue directory", e);
        }
    }

    /**
     * Reads the marks of a segment. A damaged entry ends the file there: losing marks only makes messages come
     * back (acked ones, or as not delivered), never lose them, so cutting is always the safe repair here.
     */
    private AckMarks readAcks(QueueSegment segment) throws StoreException {
        Path file = segment.acksFile;
        if (!Files.exists(file)) {
            segment.acksEnd = 0;
            return AckMarks.NONE;
        }
        long position = 0;
        try (FileChannel channel = channels.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < QueueSegment.FILE_HEADER_SIZE) {
                cut(channel, file, 0, size, "the file is shorter than its header");
                segment.acksEnd = 0;
                return AckMarks.NONE;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel),
                    ACK_SCAN_BUFFER_SIZE));
            checkHeader(in, file, QueueSegment.ACKS_MAGIC, "ack file");
            position = QueueSegment.FILE_HEADER_SIZE;
            IntList acked = new IntList();
            IntList delivered = new IntList();
            byte[] entry = new byte[QueueSegment.ACK_ENTRY_SIZE];
            String damage = null;
            while (position < size) {
                if (size - position < QueueSegment.ACK_ENTRY_SIZE) {
                    damage = "the last entry is incomplete";
                    break;
                }
                in.readFully(entry);
                int checksum = (entry[5] & 0xFF) << 24 | (entry[6] & 0xFF) << 16 | (entry[7] & 0xFF) << 8
                        | entry[8] & 0xFF;
                if (QueueSegment.crc(entry, 0, 5) != checksum) {
                    damage = "an entry fails its checksum";
                    break;
                }
                int offset = (entry[1] & 0xFF) << 24 | (entry[2] & 0xFF) << 16 | (entry[3] & 0xFF) << 8
                        | entry[4] & 0xFF;
                if (entry[0] == QueueSegment.ACKED) {
                    acked.add(offset);
                } else if (entry[0] == QueueSegment.DELIVERED) {
                    delivered.add(offset);
                } else {
                    damage = "an entry has the unknown kind " + entry[0];
                    break;
                }
                position += QueueSegment.ACK_ENTRY_SIZE;
            }
            if (damage != null) {
                cut(channel, file, position, size, damage + " (marks after it are lost: messages may come back)");
            }
            segment.acksEnd = position;
            return new AckMarks(acked.sortedDistinct(), delivered.sortedDistinct());
        } catch (IOException e) {
            throw new StoreException(file, position, "cannot read the ack file", e);
        }
    }

    /**
     * Reads a segment's records, checking each, and hands the live ones to the visitor. False when the segment
     * has no header, which is a creation that a crash interrupted before anything in it was synced.
     *
     * <p>A record that is incomplete, has an impossible length or fails its checksum ends the segment: the file is
     * cut there. Until its fsync returns, a group commit's writes reach the disk in any order, so a crash can
     * leave a hole with intact records after it; those were never confirmed, and the log cannot tell such a hole
     * from damage to confirmed data. Refusing to open would turn every such crash into an outage; the cut is
     * logged with file, offset and the bytes dropped instead.
     */
    private boolean scan(QueueSegment segment, AckMarks marks) throws StoreException {
        Path file = segment.msgsFile;
        long position = 0;
        try (FileChannel channel = channels.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < QueueSegment.FILE_HEADER_SIZE) {
                LOG.warn("Deleting {}: shorter than its header ({} bytes), a creation that a crash interrupted",
                        file, size);
                return false;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel),
                    (int) Math.min(SCAN_BUFFER_SIZE, size)));
            checkHeader(in, file, QueueSegment.MSGS_MAGIC, "message segment");
            position = QueueSegment.FILE_HEADER_SIZE;
            int nextAck = 0;
            int nextDelivered = 0;
            while (position < size) {
                if (size - position < QueueSegment.RECORD_HEADER_SIZE) {
                    cut(channel, file, position, size, "a record header is incomplete");
                    break;
                }
                int length = in.readInt();
                int checksum = in.readInt();
                if (length <= 0 || length > QueueLog.MAX_PAYLOAD) {
                    cut(channel, file, position, size, "a record has the impossible length "
                            + Integer.toUnsignedString(length));
                    break;
                }
                if (position + QueueSegment.RECORD_HEADER_SIZE + length > size) {
                    cut(channel, file, position, size, "the last record is incomplete");
                    break;
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (QueueSegment.crc(payload, 0, length) != checksum) {
                    cut(channel, file, position, size, "a record fails its checksum");
                    break;
                }
                segment.records++;
                nextAck = marks.acked.skipBelow(nextAck, position);
                nextDelivered = marks.delivered.skipBelow(nextDelivered, position);
                if (marks.acked.holds(nextAck, position)) {
                    segment.acked++;
                } else {
                    visitor.accept(new LoggedRecord(segment.position(position), payload,
                            marks.delivered.holds(nextDelivered, position)));
                }
                position += QueueSegment.RECORD_HEADER_SIZE + length;
            }
            segment.appendEnd = position;
            return true;
        } catch (IOException e) {
            throw new StoreException(file, position, "cannot read the segment", e);
        }
    }

    private static void checkHeader(DataInputStream in, Path file, byte[] magic, String what)
            throws IOException, StoreException {
        byte[] found = new byte[magic.length];
        in.readFully(found);
        if (!Arrays.equals(found, magic)) {
            throw new StoreException(file, 0, "not a " + what + " (bad magic)");
        }
        short version = in.readShort();
        if (version != QueueSegment.VERSION) {
            throw new StoreException(file, magic.length, "unsupported " + what + " version " + version
                    + ", expected " + QueueSegment.VERSION);
        }
    }

    private static void cut(FileChannel channel, Path file, long position, long size, String reason)
            throws IOException {
        LOG.warn("Cutting {} at offset {}: {}; {} bytes dropped", file, position, reason, size - position);
        channel.truncate(position);
        channel.force(true);
    }

    private void delete(Path file) throws StoreException {
        try {
            if (Files.deleteIfExists(file)) {
                directoryChanged = true;
            }
        } catch (IOException e) {
            throw new StoreException(file, "cannot delete a dead segment file", e);
        }
    }

    /** The offsets a segment's ack file marks, sorted, read once per segment while recovering. */
    private record AckMarks(SortedOffsets acked, SortedOffsets delivered) {
        static final AckMarks NONE = new AckMarks(SortedOffsets.EMPTY, SortedOffsets.EMPTY);
    }

    /** Distinct offsets in ascending order, walked alongside the records, which come in ascending order too. */
    private record SortedOffsets(int[] offsets) {
        static final SortedOffsets EMPTY = new SortedOffsets(new int[0]);

        int skipBelow(int from, long offset) {
            int i = from;
            while (i < offsets.length && offsets[i] < offset) {
                i++;
            }
            return i;
        }

        boolean holds(int at, long offset) {
            return at < offsets.length && offsets[at] == offset;
        }
    }

    /** A growable int array: a segment can hold hundreds of thousands of marks, too many to box. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        SortedOffsets sortedDistinct() {
            if (size == 0) {
                return SortedOffsets.EMPTY;
            }
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int distinct = 1;
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] != sorted[distinct - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            return new SortedOffsets(Arrays.copyOf(sorted, distinct));
        }
    }
}
