package io.eventyard.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * The standalone broker, killed with SIGKILL again and again while a publisher with confirms keeps a window of
 * persistent messages in flight, then started on what it left behind. After every start the test reads the whole
 * queue and checks: each confirmed message is there exactly once and in publish order, whatever was there before
 * is still there, what was read before comes back redelivered, and what was acked before stays gone; then it acks
 * the first half (so that the segments of earlier runs are deleted between kills) and lets the rest go back.
 * One round ends with SIGTERM instead, through the shutdown hook. Then the newest segment file's tail is damaged
 * the ways a crash in mid-append can leave it; the broker cuts the tail, says so, and still has every confirmed
 * message that was not in the bytes the test itself destroyed.
 *
 * <p>A killed process leaves the page cache behind, so this proves the confirm logic and the recovery, not the
 * disk; the fsyncs behind each confirm are what covers a power cut.
 */
class BrokerKillIT {

    private static final String QUEUE = "kill-test";
    private static final int KILL_ROUNDS = 5;
    private static final int WINDOW = 64;
    /**
     * Each check acks this share of what it found, from the head of the queue, so that the segments of earlier
     * runs become fully acked and are deleted while later runs are killed.
     */
    private static final double ACKED_SHARE = 0.5;
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int HEADER_SIZE = 8;
    private static final int RECORD_HEADER_SIZE = 8;

    @TempDir
    Path workDir;

    private Path dataDir;
    private final List<ChildBroker> started = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    private final AtomicLong nextId = new AtomicLong();
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    /** Every id a check found in the queue: those must stay, and come back redelivered. */
    private final Set<Long> seen = new HashSet<>();
    /** Ids whose records the test itself cut away: no claim on those but that they stay gone. */
    private final Set<Long> destroyed = new HashSet<>();
    /**
     * Ids a check acked. Their acks were buffered before the next round's publishes, and a confirm means every
     * write buffered in the queue's log before it is synced, so once a later publish is confirmed they never
     * come back.
     */
    private final Set<Long> acked = new HashSet<>();

    @AfterEach
    void killEverything() throws InterruptedException {
        connections.forEach(c -> c.abort(1000));
        for (ChildBroker broker : started) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a safety net; every wait inside is bounded on its own
    void keepsEveryConfirmedMessageExactlyOnceAcrossKillsAndTornSegmentTails() throws Exception {
        dataDir = workDir.resolve("data");

        for (int round = 1; round <= KILL_ROUNDS; round++) {
            ChildBroker broker = start();
            int port = broker.awaitAmqpPort(STARTUP);
            if (round == 1) {
                try (Channel channel = connect(port).createChannel()) {
                    channel.queueDeclare(QUEUE, true, false, false, null);
                }
            }
            checkQueue(port, "after kill " + (round - 1));
            publishUntilKilled(broker, port, 150 + 50 * round);
        }

        // a clean stop (SIGTERM, the shutdown hook) in the middle of publishing
        ChildBroker stopped = start();
        int stoppedPort = stopped.awaitAmqpPort(STARTUP);
        checkQueue(stoppedPort, "after kill " + KILL_ROUNDS);
        ConfirmedPublisher publisher = ConfirmedPublisher.start(factory(stoppedPort), QUEUE, nextId, confirmed, WINDOW);
        publisher.awaitConfirmed(200, WAIT);
        stopped.stop(WAIT);
        assertThat(publisher.awaitBrokerGone(WAIT)).as("publishes nacked").isZero();

        // 1. an incomplete record after the last one: the header promises more bytes than follow
        SegmentTail tail = SegmentTail.read(newestSegment());
        appendTo(tail.file(), ByteBuffer.allocate(RECORD_HEADER_SIZE + 100).putInt(4096).putInt(0x1234_5678).array());
        ChildBroker broker = start();
        int port = broker.awaitAmqpPort(STARTUP);
        assertCutLogged(broker, tail.file(), tail.cleanEnd());
        checkQueue(port, "after a clean stop and an incomplete record appended");
        publishUntilKilled(broker, port, 200);

        // 2. the last record cut in its middle (the test gives up its id: it may have been confirmed)
        tail = SegmentTail.read(newestSegment());
        assertThat(tail.lastRecordStart()).as("the last run wrote records").isPositive();
        destroyed.add(tail.lastRecordId());
        truncate(tail.file(), tail.lastRecordStart() + RECORD_HEADER_SIZE + tail.lastRecordLength() / 2);
        broker = start();
        port = broker.awaitAmqpPort(STARTUP);
        assertCutLogged(broker, tail.file(), tail.lastRecordStart());
        checkQueue(port, "after the last record was cut in its middle");
        publishUntilKilled(broker, port, 200);

        // 3. a whole record that fails its checksum, and half an entry at the end of an ack file
        tail = SegmentTail.read(newestSegment());
        byte[] garbage = "forty bytes of garbage, not a record!!!!".getBytes(StandardCharsets.US_ASCII);
        appendTo(tail.file(), ByteBuffer.allocate(RECORD_HEADER_SIZE + garbage.length)
                .putInt(garbage.length).putInt(crc(garbage) ^ 1).put(garbage).array());
        Path acks = newestAckFile();
        long acksSize = Files.size(acks);
        appendTo(acks, new byte[] {1, 0, 0, 0});
        broker = start();
        port = broker.awaitAmqpPort(STARTUP);
        assertCutLogged(broker, tail.file(), tail.cleanEnd());
        assertCutLogged(broker, acks, acksSize);
        checkQueue(port, "after a record failing its checksum and a torn ack entry were appended");
        broker.kill();

        assertThat(confirmed).as("confirmed over all runs").hasSizeGreaterThan(KILL_ROUNDS * 150);
        assertThat(acked).as("acked over all runs").hasSizeGreaterThan(confirmed.size() / 2);
    }

    // ---- rounds -----------------------------------------------------------------------------------------

    private ChildBroker start() throws IOException {
        ChildBroker broker = ChildBroker.start(dataDir, workDir);
        started.add(broker);
        return broker;
    }

    /** Publishes until {@code confirms} more are confirmed, then kills the broker with the window still full. */
    private void publishUntilKilled(ChildBroker broker, int port, int confirms) throws Exception {
        ConfirmedPublisher publisher = ConfirmedPublisher.start(factory(port), QUEUE, nextId, confirmed, WINDOW);
        try {
            publisher.awaitConfirmed(confirms, WAIT);
        } finally {
            broker.kill();
        }
        assertThat(publisher.awaitBrokerGone(WAIT)).as("publishes nacked").isZero();
    }

    /**
     * Reads the whole queue with basic.get without acking and checks it; then acks the first few and closes the
     * channel so that the rest goes back. The delivered marks and acks this leaves ride on the sync of the next
     * round's first confirmed publish.
     */
    private void checkQueue(int port, String when) throws Exception {
        Connection connection = connect(port);
        List<Long> ids = new ArrayList<>();
        List<Long> notRedelivered = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            List<GetResponse> all = new ArrayList<>();
            for (GetResponse got = channel.basicGet(QUEUE, false); got != null; got = channel.basicGet(QUEUE, false)) {
                long id = ConfirmedPublisher.id(got.getBody());
                all.add(got);
                ids.add(id);
                if (seen.contains(id) && !got.getEnvelope().isRedeliver()) {
                    notRedelivered.add(id);
                }
            }
            checkFound(when, ids, notRedelivered);
            for (GetResponse got : all.subList(0, (int) (all.size() * ACKED_SHARE))) {
                channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
                acked.add(ConfirmedPublisher.id(got.getBody()));
            }
            channel.queueDeclarePassive(QUEUE); // a round trip: the acks are in before the channel closes
        }
        connection.close();
    }

    private void checkFound(String when, List<Long> ids, List<Long> notRedelivered) {
        Set<Long> present = new HashSet<>(ids);
        assertThat(present).as("%s: no duplicates among %d messages", when, ids.size()).hasSameSizeAs(ids);
        assertThat(ids).as("%s: publish order", when).isSorted();
        Set<Long> lostConfirmed = without(without(without(confirmed, destroyed), acked), present);
        assertThat(lostConfirmed).as("%s: confirmed messages missing (of %d confirmed)", when, confirmed.size())
                .isEmpty();
        assertThat(without(without(without(seen, destroyed), acked), present))
                .as("%s: messages found before and not acked, missing now", when).isEmpty();
        assertThat(acked).as("%s: acked messages back", when).noneMatch(present::contains);
        assertThat(destroyed).as("%s: the records the test cut away", when).noneMatch(present::contains);
        assertThat(notRedelivered).as("%s: messages read before but not flagged redelivered", when).isEmpty();
        seen.addAll(present);
    }

    private static Set<Long> without(Set<Long> all, Set<Long> excluded) {
        Set<Long> rest = new HashSet<>(all);
        rest.removeAll(excluded);
        return rest;
    }

    private static void assertCutLogged(ChildBroker broker, Path file, long offset) {
        String name = file.getFileName().toString();
        assertThat(broker.output()).as("a log line about the cut of %s at offset %d", name, offset)
                .anyMatch(line -> line.contains(name) && line.matches(".*\\b" + offset + "\\b.*"));
    }

    // ---- connections ------------------------------------------------------------------------------------

    private ConnectionFactory factory(int port) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        factory.setHandshakeTimeout(5000);
        factory.setChannelRpcTimeout((int) WAIT.toMillis());
        return factory;
    }

    private Connection connect(int port) throws IOException, TimeoutException {
        Connection connection = factory(port).newConnection("kill-test-checker");
        connections.add(connection);
        return connection;
    }

    // ---- files ------------------------------------------------------------------------------------------

    private Path newestSegment() throws IOException {
        return newest(".msgs");
    }

    private Path newestAckFile() throws IOException {
        return newest(".acks");
    }

    // Segment numbers grow across runs within the queue's directory; there is one durable queue.
    private Path newest(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("queues"))) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).as("%s files", suffix).isNotEmpty();
            assertThat(matching.stream().map(Path::getParent).distinct()).as("queue directories").hasSize(1);
            return matching.stream().max(Comparator.comparing(f -> f.getFileName().toString())).orElseThrow();
        }
    }

    private static void appendTo(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /**
     * The intact records of a segment file as the store's {@code package-info} lays them out: an 8-byte header,
     * then records of u32 length, u32 CRC32C and the payload, whose last bytes are the message body.
     *
     * @param cleanEnd the offset after the last intact record, where a recovery cuts
     */
    private record SegmentTail(Path file, long cleanEnd, long lastRecordStart, int lastRecordLength,
                               long lastRecordId) {

        static SegmentTail read(Path file) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            assertThat(bytes.remaining()).as("%s has its header", file).isGreaterThanOrEqualTo(HEADER_SIZE);
            int position = HEADER_SIZE;
            int lastStart = -1;
            int lastLength = 0;
            long lastId = -1;
            while (bytes.limit() - position >= RECORD_HEADER_SIZE) {
                int length = bytes.getInt(position);
                int checksum = bytes.getInt(position + 4);
                if (length < ConfirmedPublisher.BODY_LENGTH || length > bytes.limit() - position - RECORD_HEADER_SIZE) {
                    break;
                }
                byte[] payload = new byte[length];
                bytes.get(position + RECORD_HEADER_SIZE, payload);
                if (crc(payload) != checksum) {
                    break;
                }
                lastStart = position;
                lastLength = length;
                byte[] body = new byte[ConfirmedPublisher.BODY_LENGTH];
                System.arraycopy(payload, length - body.length, body, 0, body.length);
                lastId = ConfirmedPublisher.id(body);
                position += RECORD_HEADER_SIZE + length;
            }
            return new SegmentTail(file, position, lastStart, lastLength, lastId);
        }
    }
}
