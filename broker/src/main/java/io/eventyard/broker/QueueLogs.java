package io.eventyard.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.core.queue.QueueStore;
import io.eventyard.broker.core.queue.QueueStoreProvider;
import io.eventyard.broker.store.QueueLogConfig;
import io.eventyard.broker.store.StoreSyncer;

/**
 * The queues' message logs under the data directory: {@code queues/} for durable queues (kept across
 * restarts), {@code paging/} for the bodies non-durable queues page out (wiped at every start) and
 * {@code internal/} for the broker's own logs (MQTT retained messages), apart from the queues so that no queue
 * name can collide with them. A log's directory is named by a hash of vhost and name, since queue names may
 * hold any character.
 * Core thread.
 */
final class QueueLogs implements QueueStoreProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueLogs.class);

    private final Path durableRoot;
    private final Path pagingRoot;
    private final Path internalRoot;
    private final QueueLogConfig config;
    private final StoreSyncer syncer;
    private final long pageOutBytes;
    private final Map<Path, LoggedQueueStore> open = new HashMap<>();

    QueueLogs(Path dataDir, QueueLogConfig config, StoreSyncer syncer, long pageOutBytes) throws IOException {
        this.durableRoot = dataDir.resolve("queues");
        this.pagingRoot = dataDir.resolve("paging");
        this.internalRoot = dataDir.resolve("internal");
        this.config = config;
        this.syncer = syncer;
        this.pageOutBytes = pageOutBytes;
        deleteDirectory(pagingRoot);
        Files.createDirectories(durableRoot);
        Files.createDirectories(pagingRoot);
        Files.createDirectories(internalRoot);
    }

    @Override
    public QueueStore durable(String vhost, String queue, boolean recover) {
        Path dir = durableRoot.resolve(directoryName(vhost, queue));
        if (!recover) {
            deleteDirectory(dir); // a leftover of an earlier queue of that name, deleted while we were down
        }
        return track(dir, false);
    }

    @Override
    public QueueStore paging(String vhost, String queue) {
        return track(pagingRoot.resolve(directoryName(vhost, queue)), false);
    }

    @Override
    public QueueStore internal(String vhost, String name) {
        return track(internalRoot.resolve(directoryName(vhost, name)), true);
    }

    @Override
    public long pageOutBytes() {
        return pageOutBytes;
    }

    private LoggedQueueStore track(Path dir, boolean keepTransient) {
        LoggedQueueStore store = new LoggedQueueStore(dir, config, syncer, () -> open.remove(dir), keepTransient);
        open.put(dir, store);
        return store;
    }

    /**
     * Removes the logs of durable queues that no longer exist (deleted while the broker was down), and the
     * internal logs nobody opened since the start (those of a vhost deleted meanwhile).
     */
    void deleteOrphans() {
        deleteOrphans(durableRoot, "the message log of a queue that no longer exists");
        deleteOrphans(internalRoot, "an internal log nobody opened (its vhost no longer exists)");
    }

    private void deleteOrphans(Path root, String what) {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                if (!open.containsKey(dir)) {
                    LOG.info("removing {}: {}", what, dir);
                    deleteDirectory(dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}", root, e);
        }
    }

    static String directoryName(String vhost, String queue) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(vhost.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(queue.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(paths);
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}", dir, e);
        }
    }

    @Override
    public void close() {
        open.values().forEach(LoggedQueueStore::close);
        open.clear();
    }
}
