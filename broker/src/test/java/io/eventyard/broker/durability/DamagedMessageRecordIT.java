package io.eventyard.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * A persistent message whose record on disk is damaged after it was confirmed (a flipped byte: bit rot, a
 * careless hand), in a queue deep enough that its body was paged out and must be read back. The broker cannot
 * deliver that one message; it must go on delivering the others, and at the next start keep what precedes it.
 */
class DamagedMessageRecordIT {

    private static final int COUNT = 1000;
    private static final int DAMAGED = 500;
    private static final int BODY_SIZE = 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private Broker broker;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stopBroker() {
        connections.forEach(c -> c.abort(1000));
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aConsumerGetsEveryOtherMessageWhenOnePagedOutRecordIsDamaged() throws Exception {
        publishDeepQueueAndDamageOneRecord();
        Channel consumer = channel();
        List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        consumer.basicConsume("deep", true, (tag, delivery) -> received.add(index(delivery.getBody())), tag -> { });

        Awaitility.await().atMost(WAIT).until(() -> received.size() >= COUNT - 1);

        assertThat(received).containsExactlyElementsOf(IntStream.range(0, COUNT).filter(i -> i != DAMAGED).boxed()
                .toList());
        assertThat(consumer.isOpen()).isTrue();
    }

    @Test
    void theDamagedMessageIsNeverDeliveredAndOtherClientsCarryOn() throws Exception {
        publishDeepQueueAndDamageOneRecord();
        Channel getter = channel();
        List<Integer> got = new ArrayList<>();
        try {
            for (GetResponse response = getter.basicGet("deep", true); response != null;
                 response = getter.basicGet("deep", true)) {
                assertThat(response.getBody()).isEqualTo(body(index(response.getBody())));
                got.add(index(response.getBody()));
            }
        } catch (IOException refused) {
            // the broker may refuse the read (541 INTERNAL_ERROR) rather than skip the damaged record
        }

        assertThat(got).doesNotContain(DAMAGED).startsWith(IntStream.range(0, DAMAGED).boxed().toArray(Integer[]::new));
        Channel publisher = channel();
        publisher.queueDeclare("elsewhere", true, false, false, null);
        publisher.confirmSelect();
        publisher.basicPublish("", "elsewhere", MessageProperties.PERSISTENT_BASIC, body(1));
        publisher.waitForConfirmsOrDie(WAIT.toMillis());
        assertThat(publisher.basicGet("elsewhere", true).getBody()).isEqualTo(body(1));
    }

    /**
     * At the next start the segment is read up to the damaged record, which is cut and logged with its file and
     * offset. (What follows it in the same segment is dropped too, confirmed or not: the store's recovery cannot
     * tell damage from a torn group commit; see {@code store/package-info}.)
     */
    @Test
    void aRestartKeepsTheMessagesBeforeTheDamagedRecordAndLogsTheCut() throws Exception {
        DamagedRecord damaged = publishDeepQueueAndDamageOneRecord();
        Logger recovery = (Logger) LoggerFactory.getLogger("io.eventyard.broker.store");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        recovery.addAppender(logged);
        try {
            connections.forEach(c -> c.abort(1000));
            connections.clear();
            broker.close();
            broker = null;
            broker = Broker.start(config());
        } finally {
            recovery.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains(damaged.file().getFileName().toString())
                        && line.contains(String.valueOf(damaged.offset())));
        Channel after = channel();
        for (int i = 0; i < DAMAGED; i++) {
            GetResponse got = after.basicGet("deep", true);
            assertThat(got).as("message %d", i).isNotNull();
            assertThat(got.getBody()).as("message %d", i).isEqualTo(body(i));
        }
        GetResponse next = after.basicGet("deep", true);
        if (next != null) {
            assertThat(index(next.getBody())).isNotEqualTo(DAMAGED);
        }
    }

    @Test
    void aSegmentWithAForeignHeaderStopsTheStartNamingTheFileAndAStartAfterTheRepairHasEveryMessage()
            throws Exception {
        DamagedRecord damaged = publishDeepQueueAndDamageOneRecord();
        connections.forEach(c -> c.abort(1000));
        connections.clear();
        broker.close();
        broker = null;
        Path segment = damaged.file();
        byte[] header = new byte[8];
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            file.read(ByteBuffer.wrap(header), 0);
            file.write(ByteBuffer.wrap("NOTOURS!".getBytes(StandardCharsets.US_ASCII)), 0);
        }

        assertThatThrownBy(() -> Broker.start(config())).isInstanceOf(IOException.class)
                .hasMessageContaining(segment.getFileName().toString());

        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(header), 0);
        }
        broker = Broker.start(config()); // the failed start let go of the data directory
        assertThat(channel().queueDeclarePassive("deep").getMessageCount()).isEqualTo(DAMAGED);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private record DamagedRecord(Path file, long offset) {
    }

    private BrokerConfig config() {
        return BrokerConfig.forTests(dataDir).withPageOutBytes(16 * 1024);
    }

    /** COUNT confirmed 1 KiB messages in a durable queue, most paged out; one byte of record DAMAGED's body flipped. */
    private DamagedRecord publishDeepQueueAndDamageOneRecord() throws Exception {
        broker = Broker.start(config());
        Channel channel = channel();
        channel.queueDeclare("deep", true, false, false, null);
        channel.confirmSelect();
        for (int i = 0; i < COUNT; i++) {
            channel.basicPublish("", "deep", MessageProperties.PERSISTENT_BASIC, body(i));
        }
        channel.waitForConfirmsOrDie(WAIT.toMillis());

        Path segment;
        try (Stream<Path> files = Files.walk(dataDir.resolve("queues"))) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(".msgs")).toList();
            assertThat(segments).hasSize(1);
            segment = segments.get(0);
        }
        // records as store/package-info lays them out: 8-byte file header, then u32 length, u32 CRC32C, payload,
        // and the payload ends with the body
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        int position = 8;
        for (int i = 0; i < DAMAGED; i++) {
            position += 8 + bytes.getInt(position);
        }
        int bodyStart = position + 8 + bytes.getInt(position) - BODY_SIZE;
        assertThat(index(Arrays.copyOfRange(bytes.array(), bodyStart, bodyStart + BODY_SIZE))).isEqualTo(DAMAGED);
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {(byte) ~bytes.get(bodyStart + 100)}), bodyStart + 100);
        }
        return new DamagedRecord(segment, position);
    }

    private Channel channel() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setChannelRpcTimeout((int) WAIT.toMillis());
        Connection connection = factory.newConnection();
        connections.add(connection);
        return connection.createChannel();
    }

    private static byte[] body(int index) {
        byte[] bytes = new byte[BODY_SIZE];
        Arrays.fill(bytes, (byte) 'x');
        byte[] label = String.format("%08d", index).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, bytes, 0, label.length);
        return bytes;
    }

    private static int index(byte[] body) {
        return Integer.parseInt(new String(body, 0, 8, StandardCharsets.US_ASCII));
    }
}
