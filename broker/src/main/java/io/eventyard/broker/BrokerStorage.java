package io.eventyard.broker;

import java.io.IOException;
import java.nio.file.Path;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.Durability;
import io.eventyard.broker.core.queue.QueueStoreProvider;
import io.eventyard.broker.core.vhost.DurableDefinitions;
import io.eventyard.broker.store.QueueLogConfig;
import io.eventyard.broker.store.StoreException;
import io.eventyard.broker.store.StoreSyncer;

/**
 * Everything the broker keeps in its data directory: the definitions, the queues' message logs and the
 * syncer that makes appends durable. A broker without a data directory keeps everything in memory.
 */
final class BrokerStorage implements AutoCloseable {

    private final DefinitionsOnDisk definitions;
    private final StoreSyncer syncer;
    private final QueueLogs queueLogs;

    private BrokerStorage(DefinitionsOnDisk definitions, StoreSyncer syncer, QueueLogs queueLogs) {
        this.definitions = definitions;
        this.syncer = syncer;
        this.queueLogs = queueLogs;
    }

    static BrokerStorage inMemory() {
        return new BrokerStorage(null, null, null);
    }

    static BrokerStorage open(Path dataDir, Durability durability, long pageOutBytes) throws StoreException, IOException {
        DefinitionsOnDisk definitions = DefinitionsOnDisk.open(dataDir);
        StoreSyncer syncer = new StoreSyncer(durability);
        try {
            return new BrokerStorage(definitions, syncer,
                    new QueueLogs(dataDir, QueueLogConfig.DEFAULT, syncer, pageOutBytes));
        } catch (IOException e) {
            syncer.close();
            definitions.close();
            throw e;
        }
    }

    DurableDefinitions definitions() {
        return definitions == null ? DurableDefinitions.NONE : definitions;
    }

    QueueStoreProvider queueStores() {
        return queueLogs == null ? QueueStoreProvider.NONE : queueLogs;
    }

    /** Rebuilds the core from disk: definitions, then each durable queue's messages. Core thread. */
    void restoreInto(BrokerCore core) {
        if (definitions != null) {
            definitions.restoreInto(core);
        }
    }

    /**
     * Removes the logs nobody opened since the start: of queues deleted while the broker was down, and internal
     * logs (retained messages) of vhosts deleted meanwhile. Call after everything that recovers a log has
     * opened it. Core thread.
     */
    void deleteOrphans() {
        if (queueLogs != null) {
            queueLogs.deleteOrphans();
        }
    }

    /** Syncs what is pending, then closes the files. Call after the core has stopped. */
    @Override
    public void close() {
        if (syncer != null) {
            syncer.close();
        }
        if (queueLogs != null) {
            queueLogs.close();
        }
        if (definitions != null) {
            definitions.close();
        }
    }
}
