package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.core.queue.QueueStoreProvider;

/**
 * The retained messages' store on its own: replace and delete, matching filters against retained topics as
 * MQTT says, the bound, expiry, and durability: across a clean restart, a compaction and a {@code kill -9} of a
 * broker in a child JVM. (Publishing and subscribing over MQTT is the connection's part, tested with it.)
 */
class RetainedMessagesTest {

    private static final String VHOST = "/";

    @TempDir
    Path dir;

    // ---- in memory ----------------------------------------------------------------------------------------

    @Test
    void aRetainReplacesTheTopicsMessageAndAnEmptyPayloadDeletesIt() {
        RetainedMessages retained = inMemory(10);

        assertThat(retained.retain(VHOST, "home/temp", message("home/temp", "20", 1)).status())
                .isEqualTo(RetainedMessages.Status.RETAINED);
        retained.retain(VHOST, "home/temp", message("home/temp", "21", 0));
        assertThat(text(retained.get(VHOST, "home/temp"))).isEqualTo("21");
        assertThat(retained.count()).isEqualTo(1);

        assertThat(retained.retain(VHOST, "home/temp", message("home/temp", "", 1)).status())
                .isEqualTo(RetainedMessages.Status.DELETED);
        assertThat(retained.get(VHOST, "home/temp")).isNull();
        assertThat(retained.matching(VHOST, "#")).isEmpty();
        assertThat(retained.count()).isZero();
        // deleting what is not there is no error, and writes nothing
        assertThat(retained.retain(VHOST, "home/none", message("home/none", "", 1)))
                .isEqualTo(new RetainedMessages.Outcome(RetainedMessages.Status.DELETED, 0));
    }

    @Test
    void keepsTheMessageAsPublishedWithItsRoutingKeyTheAmqpFormOfTheTopic() {
        RetainedMessages retained = inMemory(10);
        Message published = richMessage("v1.2/x", "payload");

        retained.retain(VHOST, "v1.2/x", published);

        Retained kept = retained.get(VHOST, "v1.2/x");
        assertThat(kept.topic()).isEqualTo("v1.2/x");
        assertThat(kept.message().routingKey()).isEqualTo("v1/2.x");
        assertThat(kept.message().properties()).isEqualTo(published.properties());
        assertThat(kept.expiresAtMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void findsWhatAFilterMatchesAsMqttSays() {
        RetainedMessages retained = inMemory(100);
        List<String> topics = List.of("a", "a/b", "a/b/c", "a/c", "b/b", "/a", "a/", "a//b", "$SYS/broker/load",
                "$SYS", "$other/x", "sport/tennis/player1", "sport/tennis/player1/ranking", "sport/tennis/player2",
                "sport", "sport/", "x.y/z");
        topics.forEach(topic -> retained.retain(VHOST, topic, message(topic, "m-" + topic, 0)));
        List<String> filters = List.of("#", "+", "+/+", "+/#", "a/#", "a/+", "a/+/c", "a/b", "a//b", "a/+/b", "/+",
                "/#", "+/a", "$SYS/#", "$SYS/+/load", "$SYS", "+/broker/load", "#/x", "sport/tennis/+",
                "sport/tennis/player1/#", "sport/#", "sport/+", "+/tennis/#", "x.y/+", "nothing/#", "a/b/c/d");

        for (String filter : filters) {
            if (!TopicMapping.validFilter(filter)) {
                assertThat(retained.matching(VHOST, filter)).as(filter).isEmpty();
                continue;
            }
            List<String> expected = topics.stream().filter(topic -> TopicMapping.matches(filter, topic)).toList();
            assertThat(retained.matching(VHOST, filter)).as(filter).extracting(Retained::topic)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        // the MQTT spec's own examples (3.1.1 section 4.7), and the $ rule spelled out
        assertThat(topicsMatching(retained, "sport/#")).contains("sport", "sport/", "sport/tennis/player1/ranking");
        assertThat(topicsMatching(retained, "sport/+")).containsExactlyInAnyOrder("sport/");
        assertThat(topicsMatching(retained, "#")).doesNotContain("$SYS/broker/load", "$SYS", "$other/x");
        assertThat(topicsMatching(retained, "+/broker/load")).isEmpty();
        assertThat(topicsMatching(retained, "$SYS/#")).containsExactlyInAnyOrder("$SYS", "$SYS/broker/load");
        assertThat(topicsMatching(retained, "a/b")).containsExactly("a/b");
        assertThat(topicsMatching(retained, "a/#/c")).isEmpty(); // not a valid filter
    }

    @Test
    void aNewTopicPastTheBoundIsRefusedWhileKnownTopicsMayChange() {
        RetainedMessages retained = inMemory(2);
        retained.retain(VHOST, "t/1", message("t/1", "1", 1));
        retained.retain(VHOST, "t/2", message("t/2", "2", 1));

        RetainedMessages.Outcome refused = retained.retain(VHOST, "t/3", message("t/3", "3", 1));
        assertThat(refused.refused()).isTrue();
        assertThat(refused.status()).isEqualTo(RetainedMessages.Status.QUOTA_EXCEEDED);
        assertThat(retained.get(VHOST, "t/3")).isNull();
        assertThat(retained.retain(VHOST, "t/2", message("t/2", "2b", 1)).status())
                .isEqualTo(RetainedMessages.Status.RETAINED);

        retained.retain(VHOST, "t/1", message("t/1", "", 1));
        assertThat(retained.retain(VHOST, "t/3", message("t/3", "3", 1)).status())
                .isEqualTo(RetainedMessages.Status.RETAINED);
        assertThat(retained.count()).isEqualTo(2);
    }

    @Test
    void anExpiredMessageIsNoLongerRetained() {
        MutableClock clock = new MutableClock();
        RetainedMessages retained = new RetainedMessages(QueueStoreProvider.NONE, List.of(VHOST), 10, clock);
        Message expiring = message("e/1", "soon gone", 1);
        retained.retain(VHOST, "e/1", expiring.withProperties(expiring.properties().withExpiration("5000")));
        retained.retain(VHOST, "e/2", message("e/2", "stays", 1));

        clock.advance(4_000);
        assertThat(retained.get(VHOST, "e/1").remainingMillis(clock.millis())).isEqualTo(1_000);
        assertThat(retained.get(VHOST, "e/2").remainingMillis(clock.millis())).isEqualTo(-1);
        clock.advance(1_000);
        assertThat(topicsMatching(retained, "e/+")).containsExactly("e/2");
        assertThat(retained.count()).isEqualTo(1);
    }

    @Test
    void vhostsKeepTheirOwnRetainedMessages() {
        RetainedMessages retained = inMemory(10);
        retained.retain(VHOST, "same/topic", message("same/topic", "in /", 1));
        retained.retain("other", "same/topic", message("same/topic", "in other", 1));

        assertThat(text(retained.get(VHOST, "same/topic"))).isEqualTo("in /");
        assertThat(retained.matching("other", "#")).extracting(RetainedMessagesTest::text).containsExactly("in other");
        assertThat(retained.matching("unknown", "#")).isEmpty();
    }

    // ---- on disk ------------------------------------------------------------------------------------------

    @Test
    void survivesACleanRestartWithEveryPropertyAndQos0MessagesToo() throws IOException {
        Message rich = richMessage("dev/1/status", "online");
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir))) {
            broker.admin().addVirtualHost("plant");
            onCore(broker, retained -> {
                retained.retain(VHOST, "dev/1/status", rich);
                retained.retain(VHOST, "dev/2/status", message("dev/2/status", "qos 0", 0));
                retained.retain(VHOST, "dev/3/status", message("dev/3/status", "deleted", 1));
                retained.retain(VHOST, "dev/3/status", message("dev/3/status", "", 1));
                retained.retain(VHOST, "dev/4/status", message("dev/4/status", "first", 1));
                retained.retain(VHOST, "dev/4/status", message("dev/4/status", "second", 1));
                retained.retain("plant", "line/1", message("line/1", "in a vhost made at run time", 1));
                return null;
            });
        }
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir))) {
            onCore(broker, retained -> {
                Retained status = retained.get(VHOST, "dev/1/status");
                assertThat(text(status)).isEqualTo("online");
                assertThat(status.message().exchange()).isEqualTo(rich.exchange());
                assertThat(status.message().routingKey()).isEqualTo(rich.routingKey());
                assertThat(status.message().properties()).isEqualTo(rich.properties());
                assertThat(text(retained.get(VHOST, "dev/2/status"))).isEqualTo("qos 0");
                assertThat(retained.get(VHOST, "dev/3/status")).isNull();
                assertThat(text(retained.get(VHOST, "dev/4/status"))).isEqualTo("second");
                assertThat(text(retained.get("plant", "line/1"))).isEqualTo("in a vhost made at run time");
                assertThat(topicsMatching(retained, "dev/+/status"))
                        .containsExactlyInAnyOrder("dev/1/status", "dev/2/status", "dev/4/status");
                assertThat(retained.count()).isEqualTo(4);
                assertThat(broker.core().virtualHost(VHOST).queues()).as("the retained messages' log is no queue")
                        .isEmpty();
                return null;
            });
        }
        // the bound counts what came back from disk
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir).withMqttMaxRetained(4))) {
            onCore(broker, retained -> {
                assertThat(retained.retain(VHOST, "dev/5/status", message("dev/5/status", "x", 1)).refused()).isTrue();
                return null;
            });
        }
    }

    @Test
    void aDeletedVhostsRetainedMessagesAreGoneAfterTheNextStart() throws IOException {
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir))) {
            broker.admin().addVirtualHost("gone");
            onCore(broker, retained -> retained.retain("gone", "t", message("t", "old", 1)));
            broker.admin().deleteVirtualHost("gone");
        }
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir))) {
            try (Stream<Path> logs = Files.list(dir.resolve("internal"))) {
                assertThat(logs.count()).as("the internal logs: only the one of vhost /").isEqualTo(1);
            }
            broker.admin().addVirtualHost("gone");
            onCore(broker, retained -> {
                assertThat(retained.get("gone", "t")).isNull();
                return null;
            });
        }
    }

    @Test
    void compactionFreesTheSegmentsOfReplacedMessagesAndKeepsEveryLiveOne() throws Exception {
        byte[] big = new byte[1024 * 1024];
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir))) {
            onCore(broker, retained -> retained.retain(VHOST, "still/here", message("still/here", "untouched", 1)));
            for (int i = 0; i < 48; i++) {
                int round = i;
                onCore(broker, retained -> retained.retain(VHOST, "big", new Message(MqttConnection.EXCHANGE, "big",
                        message("big", "", 1).properties(), withMarker(big, round))));
            }
            awaitDurable(broker, retained -> retained.retain(VHOST, "last", message("last", "synced", 1)));
            // 48 MiB were written; what is on disk is what is live plus less than one compaction's worth
            assertThat(internalLogBytes()).isLessThan(40L * 1024 * 1024);
        }
        try (Broker broker = Broker.start(BrokerConfig.forTests(dir))) {
            onCore(broker, retained -> {
                assertThat(text(retained.get(VHOST, "still/here"))).isEqualTo("untouched");
                assertThat(retained.get(VHOST, "big").message().body()).isEqualTo(withMarker(big, 47));
                assertThat(text(retained.get(VHOST, "last"))).isEqualTo("synced");
                assertThat(retained.count()).isEqualTo(3);
                return null;
            });
        }
    }

    /**
     * A broker in a child JVM retains, replaces and deletes, each change confirmed durable, then retains a counter
     * until it is killed with SIGKILL. After a restart on its data directory every confirmed change is there,
     * the deletion included, and the counter is at least the last value confirmed.
     */
    @Test
    void survivesAKillMinus9WithEveryChangeWhoseTicketWasDurable() throws Exception {
        Path dataDir = dir.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), RetainedCrashChild.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        long confirmed = 0;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean setUp = false;
            String line;
            while (confirmed < 2_000 && (line = out.readLine()) != null) {
                output.add(line);
                if (line.equals("RETAINED setup")) {
                    setUp = true;
                } else if (line.startsWith("RETAINED counter ")) {
                    confirmed = Long.parseLong(line.substring("RETAINED counter ".length()));
                }
            }
            assertThat(setUp).as("the child confirmed its setup:\n%s", String.join("\n", output)).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(confirmed).as("the child ran until it was killed:\n%s", String.join("\n", output))
                .isGreaterThanOrEqualTo(2_000);

        try (Broker broker = Broker.start(BrokerConfig.forTests(dataDir))) {
            long lastConfirmed = confirmed;
            onCore(broker, retained -> {
                Retained kept = retained.get(VHOST, "crash/kept");
                assertThat(text(kept)).isEqualTo("new");
                assertThat(kept.message().properties()).isEqualTo(richMessage("crash/kept", "new").properties());
                assertThat(retained.get(VHOST, "crash/deleted")).isNull();
                assertThat(text(retained.get(VHOST, "crash/qos0"))).isEqualTo("q0");
                assertThat(Long.parseLong(text(retained.get(VHOST, "crash/counter"))))
                        .isGreaterThanOrEqualTo(lastConfirmed);
                assertThat(topicsMatching(retained, "crash/#"))
                        .containsExactlyInAnyOrder("crash/kept", "crash/qos0", "crash/counter");
                return null;
            });
        }
    }

    /**
     * A crash may lose acks that were not yet fsynced (they are at most once a second). With every ack lost, the
     * log replays everything ever appended, and the outcome must still be the last change of each topic: so a
     * deletion must leave a record behind (a tombstone), and that record may go once what it shadows is gone.
     */
    @Test
    void lostAcksBringNothingBackThatWasReplacedOrDeleted() {
        RecordingStores stores = new RecordingStores();
        RetainedMessages before = new RetainedMessages(stores, List.of(VHOST), 10, Clock.systemUTC());
        before.retain(VHOST, "a", message("a", "1", 1));
        before.retain(VHOST, "a", message("a", "2", 1));
        before.retain(VHOST, "b", message("b", "x", 1));
        before.retain(VHOST, "b", message("b", "", 1));
        before.retain(VHOST, "c", message("c", "y", 1));
        before.retain(VHOST, "c", message("c", "", 1));
        before.retain(VHOST, "c", message("c", "z", 1));

        stores.crashLosingEveryAck();
        RetainedMessages afterCrash = new RetainedMessages(stores, List.of(VHOST), 10, Clock.systemUTC());
        assertThat(afterCrash.matching(VHOST, "#")).extracting(RetainedMessagesTest::text)
                .containsExactlyInAnyOrder("2", "z");
        assertThat(afterCrash.count()).isEqualTo(2);

        stores.restartKeepingAcks();
        RetainedMessages afterRestart = new RetainedMessages(stores, List.of(VHOST), 10, Clock.systemUTC());
        assertThat(afterRestart.matching(VHOST, "#")).extracting(RetainedMessagesTest::text)
                .containsExactlyInAnyOrder("2", "z");
        // b's tombstone outlived its purpose once b's message was acked for good: only a and c are left
        assertThat(stores.log.live()).hasSize(2);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A message as the MQTT connection publishes it: QoS in a header, delivery mode 1 for QoS 0, else 2. */
    static Message message(String topic, String payload, int qos) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PropertyMapping.QOS_HEADER, (byte) qos);
        MessageProperties properties = MessageProperties.EMPTY.withDeliveryMode(qos == 0 ? 1 : 2).withHeaders(headers);
        return new Message(MqttConnection.EXCHANGE, TopicMapping.routingKey(topic), properties,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A message with what MQTT 5.0 properties map to: content type, correlation data, response topic, user properties. */
    static Message richMessage(String topic, String payload) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PropertyMapping.QOS_HEADER, (byte) 1);
        headers.put("site", "north");
        headers.put("x-mqtt-payload-format-indicator", (byte) 1);
        MessageProperties properties = new MessageProperties("application/json", null, headers, 2, null,
                "correlation-42", "replies/here", null, "id-1", 1_700_000_000L, null, null, "sensor", null);
        return new Message(MqttConnection.EXCHANGE, TopicMapping.routingKey(topic), properties,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private static RetainedMessages inMemory(int max) {
        return new RetainedMessages(QueueStoreProvider.NONE, List.of(VHOST), max, Clock.systemUTC());
    }

    private static String text(Retained retained) {
        return retained == null ? null : new String(retained.message().body(), StandardCharsets.UTF_8);
    }

    private static List<String> topicsMatching(RetainedMessages retained, String filter) {
        return retained.matching(VHOST, filter).stream().map(Retained::topic).toList();
    }

    private static byte[] withMarker(byte[] body, int marker) {
        byte[] copy = body.clone();
        copy[0] = (byte) marker;
        return copy;
    }

    private static <T> T onCore(Broker broker, java.util.function.Function<RetainedMessages, T> action) {
        return broker.core().executor().call(() -> action.apply(broker.retainedMessages()));
    }

    private static void awaitDurable(Broker broker,
                                     java.util.function.Function<RetainedMessages, RetainedMessages.Outcome> change)
            throws Exception {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        broker.core().executor().execute(() -> broker.core().durability()
                .whenDurable(change.apply(broker.retainedMessages()).syncTicket(), () -> durable.complete(null)));
        durable.get(30, TimeUnit.SECONDS);
    }

    private long internalLogBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("internal"))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /**
     * One vhost's internal log kept in the test: positions in append order, acks remembered, a repeated ack or an
     * ack of a position never appended an error (the real log cannot tell, so it must not happen). A "crash"
     * forgets every ack; a "restart" keeps them.
     */
    private static final class RecordingStores implements QueueStoreProvider {
        final RecordingLog log = new RecordingLog();

        void crashLosingEveryAck() {
            log.acked.clear();
            log.recovered = false;
        }

        void restartKeepingAcks() {
            log.recovered = false;
        }

        @Override
        public io.eventyard.broker.core.queue.QueueStore durable(String vhost, String queue, boolean recover) {
            throw new AssertionError("retained messages are no queue");
        }

        @Override
        public io.eventyard.broker.core.queue.QueueStore paging(String vhost, String queue) {
            throw new AssertionError("retained messages are no queue");
        }

        @Override
        public io.eventyard.broker.core.queue.QueueStore internal(String vhost, String name) {
            return log;
        }

        @Override
        public long pageOutBytes() {
            return Long.MAX_VALUE;
        }
    }

    private static final class RecordingLog implements io.eventyard.broker.core.queue.QueueStore {
        final java.util.TreeMap<Long, io.eventyard.broker.core.queue.QueueEntryRecord> records = new java.util.TreeMap<>();
        final java.util.Set<Long> acked = new java.util.HashSet<>();
        boolean recovered;
        long next = 1;

        List<Long> live() {
            return records.keySet().stream().filter(position -> !acked.contains(position)).toList();
        }

        @Override
        public long append(io.eventyard.broker.core.queue.QueueEntryRecord record) {
            assertThat(recovered).as("recovered before use").isTrue();
            records.put(next, record);
            return next++;
        }

        @Override
        public io.eventyard.broker.core.queue.QueueEntryRecord read(long position) {
            return records.get(position);
        }

        @Override
        public void remove(long position) {
            assertThat(records).as("acked position").containsKey(position);
            assertThat(acked.add(position)).as("position %d acked once", position).isTrue();
        }

        @Override
        public void markDelivered(long position) {
            throw new AssertionError("retained messages are never delivered from the log");
        }

        @Override
        public long requestSync() {
            return 0;
        }

        @Override
        public void recover(RecoveredEntryVisitor visitor) {
            assertThat(recovered).as("recovered once").isFalse();
            recovered = true;
            for (long position : live()) {
                visitor.entry(position, records.get(position), false);
            }
        }

        @Override
        public void delete() {
            throw new AssertionError("not deleted");
        }
    }

    private static final class MutableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
