package io.eventyard.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSyncerTest {

    @TempDir
    Path root;

    private final RecordedListener listener = new RecordedListener();
    private final RecordingFileChannels channels = new RecordingFileChannels();
    private final List<QueueLog> logs = new ArrayList<>();
    private StoreSyncer syncer;

    @AfterEach
    void closeAll() {
        if (syncer != null) {
            syncer.close();
        }
        logs.forEach(QueueLog::close);
    }

    @Test
    void oneSyncCoversEverythingAppendedWhileThePreviousSyncRan() throws Exception {
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        channels.onOpen = (path, channel) -> {
            if (path.toString().endsWith(".msgs")) {
                channel.beforeForce = () -> {
                    if (first.compareAndSet(true, false)) {
                        firstSyncStarted.countDown();
                        awaitQuietly(releaseFirstSync);
                    }
                };
            }
        };
        QueueLog a = open("a");
        QueueLog b = open("b");
        QueueLog c = open("c");
        syncer = new StoreSyncer(listener);

        a.append(payload(0));
        syncer.requestSync(a);
        assertThat(firstSyncStarted.await(10, TimeUnit.SECONDS)).isTrue();
        QueueLog[] round = {a, b, c};
        long last = 0;
        for (int i = 1; i <= 300; i++) {
            QueueLog log = round[i % 3];
            log.append(payload(i));
            last = syncer.requestSync(log);
        }
        releaseFirstSync.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastSynced() == 301);
        assertThat(last).isEqualTo(301);
        assertThat(channels.forces(".msgs")).as("one fsync in the first round, one per log in the second")
                .isEqualTo(4);
        assertThat(listener.tickets).containsExactly(1L, 301L);
        assertThat(a.pendingBytes() + b.pendingBytes() + c.pendingBytes()).isZero();
    }

    @Test
    void reportsTicketsInIncreasingOrderUpToTheLast() throws Exception {
        QueueLog a = open("a");
        QueueLog b = open("b");
        syncer = new StoreSyncer(listener);

        long last = 0;
        for (int i = 0; i < 2000; i++) {
            QueueLog log = i % 2 == 0 ? a : b;
            log.append(payload(i));
            last = syncer.requestSync(log);
        }

        long expected = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.lastSynced() == expected);
        assertThat(listener.tickets).isSorted().doesNotHaveDuplicates();
        assertThat(channels.forces(".msgs")).isLessThanOrEqualTo(2000);
    }

    @Test
    void readsEveryRecordWhileTheSyncerWritesThem() throws Exception {
        QueueLog log = open("a");
        syncer = new StoreSyncer(listener);

        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long position = log.append(payload(i));
            positions.add(position);
            syncer.requestSync(log);
            assertThat(text(log.read(position))).isEqualTo(text(payload(i)));
            int earlier = i / 2;
            assertThat(text(log.read(positions.get(earlier)))).isEqualTo(text(payload(earlier)));
        }
    }

    @Test
    void reportsAFailedFsyncOnceNamingTheFileAndConfirmsNothingAfterIt() throws Exception {
        channels.onOpen = (path, channel) -> channel.failForce = path.getFileName().toString().endsWith(".msgs")
                && path.getParent().getFileName().toString().equals("bad");
        QueueLog good = open("good");
        QueueLog bad = open("bad");
        syncer = new StoreSyncer(listener);

        good.append(payload(0));
        long confirmed = syncer.requestSync(good);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastSynced() == confirmed);
        bad.append(payload(1));
        syncer.requestSync(bad);

        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.failures.isEmpty());
        StoreException failure = listener.failures.get(0);
        assertThat(failure.file()).isEqualTo(root.resolve("bad").resolve(QueueSegment.fileName(1, ".msgs")));
        assertThat(failure.getCause()).hasMessageContaining("injected fsync failure");
        assertThat(syncer.failure()).isSameAs(failure);

        good.append(payload(2));
        syncer.requestSync(good);
        syncer.close();
        assertThat(listener.tickets).containsExactly(confirmed);
        assertThat(listener.failures).hasSize(1);
    }

    @Test
    void closeSyncsWhatWasRequestedBeforeIt() throws Exception {
        QueueLog log = open("a");
        syncer = new StoreSyncer(listener);

        for (int i = 0; i < 10; i++) {
            log.append(payload(i));
        }
        long ticket = syncer.requestSync(log);
        syncer.close();

        assertThat(listener.lastSynced()).isEqualTo(ticket);
        assertThat(log.pendingBytes()).isZero();
        assertThat(Files.size(root.resolve("a").resolve(QueueSegment.fileName(1, ".msgs")))).isEqualTo(8 + 10 * 17);
        assertThatThrownBy(() -> syncer.requestSync(log)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void makesAcksDurableAndDeletesDeadSegments() throws Exception {
        QueueLog log = QueueLog.open(root.resolve("a"), new QueueLogConfig(64), channels, r -> { });
        logs.add(log);
        syncer = new StoreSyncer(listener);
        long[] positions = new long[4];
        for (int i = 0; i < 4; i++) {
            positions[i] = log.append(payload(i));
        }
        syncer.requestSync(log);
        for (int i = 0; i < 3; i++) {
            log.ack(positions[i]);
        }
        long ticket = syncer.requestSync(log);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastSynced() >= ticket);
        assertThat(root.resolve("a").resolve(QueueSegment.fileName(1, ".msgs"))).doesNotExist();
    }

    private QueueLog open(String name) throws StoreException {
        QueueLog log = QueueLog.open(root.resolve(name), QueueLogConfig.DEFAULT, channels, r -> { });
        logs.add(log);
        return log;
    }

    private static byte[] payload(int i) {
        return String.format("record-%02d", i % 100).getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.US_ASCII);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class RecordedListener implements SyncListener {
        final List<Long> tickets = new CopyOnWriteArrayList<>();
        final List<StoreException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void synced(long ticket) {
            tickets.add(ticket);
        }

        @Override
        public void failed(StoreException failure) {
            failures.add(failure);
        }

        long lastSynced() {
            return tickets.isEmpty() ? 0 : tickets.get(tickets.size() - 1);
        }
    }
}
