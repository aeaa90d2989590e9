package io.eventyard.broker;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.queue.QueueEntryRecord;
import io.eventyard.broker.core.queue.QueueStore;
import io.eventyard.broker.store.MessageRecordCodec;
import io.eventyard.broker.store.QueueLog;
import io.eventyard.broker.store.QueueLogConfig;
import io.eventyard.broker.store.StoreException;
import io.eventyard.broker.store.StoreSyncer;

/**
 * A queue's {@link QueueStore} on a {@link QueueLog}: each record is the entry's expiry (8 bytes) followed
 * by the message as {@link MessageRecordCodec} writes it. Opened lazily, so a queue that never writes
 * never creates files. Core thread.
 */
final class LoggedQueueStore implements QueueStore {

    private final java.nio.file.Path dir;
    private final QueueLogConfig config;
    private final StoreSyncer syncer;
    private final Runnable onDelete;
    /** Recover transient messages too: the broker's internal stores keep whatever they were given. */
    private final boolean keepTransient;
    private QueueLog log;

    LoggedQueueStore(java.nio.file.Path dir, QueueLogConfig config, StoreSyncer syncer, Runnable onDelete,
                     boolean keepTransient) {
        this.dir = dir;
        this.config = config;
        this.syncer = syncer;
        this.onDelete = onDelete;
        this.keepTransient = keepTransient;
    }

    private QueueLog log() {
        if (log == null) {
            try {
                log = QueueLog.open(dir, config);
            } catch (StoreException e) {
                throw failed(e);
            }
        }
        return log;
    }

    @Override
    public long append(QueueEntryRecord record) {
        byte[] payload = MessageRecordCodec.encode(record.message(), Long.BYTES);
        ByteBuffer.wrap(payload).putLong(record.expiresAtMillis());
        return log().append(payload);
    }

    @Override
    public QueueEntryRecord read(long position) {
        try {
            return decode(log().read(position));
        } catch (StoreException e) {
            throw failed(e);
        }
    }

    private static QueueEntryRecord decode(byte[] payload) {
        long expiresAt = ByteBuffer.wrap(payload).getLong();
        return new QueueEntryRecord(MessageRecordCodec.decode(payload, Long.BYTES), expiresAt);
    }

    @Override
    public void remove(long position) {
        log().ack(position);
    }

    @Override
    public void markDelivered(long position) {
        log().markDelivered(position);
    }

    @Override
    public long requestSync() {
        return syncer.requestSync(log());
    }

    /** Opens the log and streams what it held into {@code visitor}, so that a deep queue never sits in the heap whole. */
    @Override
    public void recover(RecoveredEntryVisitor visitor) {
        if (log != null) {
            throw new IllegalStateException("recovery comes before any other use of the store");
        }
        List<Long> transientRecords = new ArrayList<>();
        try {
            log = QueueLog.open(dir, config, record -> {
                QueueEntryRecord entry = decode(record.payload());
                if (keepTransient || entry.message().properties().persistent()) {
                    visitor.entry(record.position(), entry, record.delivered());
                } else {
                    // a transient message paged out before the restart: AMQP loses those with the broker
                    transientRecords.add(record.position());
                }
            });
        } catch (StoreException e) {
            throw failed(e);
        }
        if (!transientRecords.isEmpty()) {
            transientRecords.forEach(log::ack);
            syncer.requestSync(log);
        }
    }

    @Override
    public void delete() {
        if (log != null) {
            log.delete();
            log = null;
        } else {
            QueueLogs.deleteDirectory(dir);
        }
        onDelete.run();
    }

    void close() {
        if (log != null) {
            log.close();
        }
    }

    private static CoreException failed(StoreException e) {
        return new CoreException(CoreException.Reason.INTERNAL_ERROR, "message store: " + e.getMessage());
    }
}
