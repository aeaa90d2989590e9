package io.eventyard.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueLogTest {

    /** Three 9-byte payloads (17 bytes framed) fill a segment after its 8-byte header. */
    private static final QueueLogConfig THREE_PER_SEGMENT = new QueueLogConfig(64);
    private static final int FIRST = 8;
    private static final int SECOND = 25;
    private static final int THIRD = 42;

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("queue");
    }

    private Path msgs(long segment) {
        return dir().resolve(QueueSegment.fileName(segment, ".msgs"));
    }

    private Path acks(long segment) {
        return dir().resolve(QueueSegment.fileName(segment, ".acks"));
    }

    @Test
    void recoversAppendedRecordsInOrderAfterReopen() throws Exception {
        List<Long> positions = new ArrayList<>();
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).isEmpty();
            for (int i = 0; i < 3; i++) {
                positions.add(log.append(payload(i)));
            }
            log.sync();
        }

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            List<LoggedRecord> recovered = log.recover();
            assertThat(recovered).extracting(LoggedRecord::position).containsExactlyElementsOf(positions);
            assertThat(recovered).extracting(r -> text(r.payload())).containsExactly("record-00", "record-01", "record-02");
            assertThat(recovered).extracting(LoggedRecord::delivered).containsOnly(false);
            assertThat(log.recover()).as("handed over once").isEmpty();
        }
    }

    @Test
    void createsMissingParentDirectoriesAndSyncsTheirEntries() throws Exception {
        RecordingFileChannels channels = new RecordingFileChannels();
        Path nested = root.resolve("vhosts/shop/queue");

        try (QueueLog log = QueueLog.open(nested, QueueLogConfig.DEFAULT, channels, r -> { })) {
            assertThat(nested).isDirectory();
            assertThat(log.directory()).isEqualTo(nested);
        }
        assertThat(channels.forces("shop") + channels.forces("vhosts") + channels.forces(root.getFileName().toString()))
                .as("each new directory's parent").isEqualTo(3);
    }

    @Test
    void closeWritesWhatIsStillBuffered() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(1));
            assertThat(log.pendingBytes()).isEqualTo(17);
        }

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-01");
        }
    }

    @Test
    void positionsNameTheSegmentAndTheOffset() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            long[] positions = new long[4];
            for (int i = 0; i < 4; i++) {
                positions[i] = log.append(payload(i));
            }
            assertThat(positions).containsExactly(1L << 32 | FIRST, 1L << 32 | SECOND, 1L << 32 | THIRD, 2L << 32 | FIRST);
            log.sync();
            assertThat(Files.size(msgs(1))).isEqualTo(59);
            assertThat(Files.size(msgs(2))).isEqualTo(25);
        }
    }

    @Test
    void givesARecordLargerThanASegmentASegmentOfItsOwn() throws Exception {
        byte[] large = new byte[200];
        Arrays.fill(large, (byte) 7);
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            log.append(payload(0));
            long big = log.append(large);
            long after = log.append(payload(1));
            assertThat(QueueSegment.number(big)).isEqualTo(2);
            assertThat(QueueSegment.offset(big)).isEqualTo(FIRST);
            assertThat(QueueSegment.number(after)).isEqualTo(3);
        }
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            assertThat(log.recover()).extracting(r -> r.payload().length).containsExactly(9, 200, 9);
        }
    }

    @Test
    void doesNotRecoverAckedRecords() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(0));
            long second = log.append(payload(1));
            log.append(payload(2));
            log.ack(second);
        }

        long first;
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            List<LoggedRecord> recovered = log.recover();
            assertThat(recovered).extracting(r -> text(r.payload())).containsExactly("record-00", "record-02");
            first = recovered.get(0).position();
            log.ack(first);
        }

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-02");
        }
    }

    @Test
    void recoversRecordsMarkedDeliveredAsDelivered() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(0));
            long second = log.append(payload(1));
            log.markDelivered(second);
        }

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(LoggedRecord::delivered).containsExactly(false, true);
        }
    }

    @Test
    void handsRecordsToAVisitorInsteadOfKeepingThem() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(0));
            log.append(payload(1));
        }

        List<String> seen = new ArrayList<>();
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT, r -> seen.add(text(r.payload())))) {
            assertThat(seen).containsExactly("record-00", "record-01");
            assertThat(log.recover()).isEmpty();
        }
    }

    @Test
    void deletesASegmentOnceAllItsRecordsAreAckedAndItTakesNoMoreAppends() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            long[] positions = new long[4];
            for (int i = 0; i < 4; i++) {
                positions[i] = log.append(payload(i));
            }
            log.sync();
            for (int i = 0; i < 3; i++) {
                log.ack(positions[i]);
            }
            assertThat(log.segmentNumbers()).containsExactly(2L);
            assertThat(msgs(1)).as("deleted by the sync, not by the ack").exists();

            log.sync();

            assertThat(msgs(1)).doesNotExist();
            assertThat(acks(1)).doesNotExist();
            assertThat(msgs(2)).exists();
            assertThatThrownBy(() -> log.read(positions[0])).isInstanceOf(IllegalArgumentException.class);
        }

        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-03");
        }
    }

    @Test
    void keepsTheSegmentTakingAppendsUntilTheNextOneBegins() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            log.ack(log.append(payload(0)));
            log.sync();
            assertThat(msgs(1)).exists();

            long second = log.append(payload(1));
            long third = log.append(payload(2));
            log.ack(second);
            log.ack(third);
            log.sync();
            assertThat(QueueSegment.number(third)).isEqualTo(1);
            assertThat(msgs(1)).as("all acked but still taking appends").exists();

            log.append(payload(3));
            log.sync();
            assertThat(msgs(1)).doesNotExist();
            assertThat(log.segmentNumbers()).containsExactly(2L);
        }
    }

    @Test
    void deletesSegmentsFoundFullyAckedOnOpen() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            log.ack(log.append(payload(0)));
        }
        assertThat(msgs(1)).exists();

        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            assertThat(log.recover()).isEmpty();
            assertThat(msgs(1)).doesNotExist();
            assertThat(acks(1)).doesNotExist();
            long next = log.append(payload(1));
            assertThat(QueueSegment.number(next)).as("numbers are not reused").isEqualTo(2);
        }
    }

    @Test
    void ignoresTheStrayAckFileOfADeletedSegment() throws Exception {
        Path saved = root.resolve("saved.acks");
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            long[] positions = new long[4];
            for (int i = 0; i < 4; i++) {
                positions[i] = log.append(payload(i));
            }
            log.ack(positions[0]);
            log.ack(positions[1]);
            log.sync();
            Files.copy(acks(1), saved);
            log.ack(positions[2]);
            log.sync();
        }
        // a crash between deleting the segment and deleting its ack file
        Files.copy(saved, acks(1), StandardCopyOption.REPLACE_EXISTING);

        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-03");
            assertThat(acks(1)).doesNotExist();
        }
    }

    @Test
    void cutsARecordTornAtTheTailAndSaysWhere() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            for (int i = 0; i < 3; i++) {
                log.append(payload(i));
            }
        }
        truncate(msgs(1), THIRD + 11);

        try (LogCapture logs = new LogCapture(QueueLogRecovery.class);
                QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-00", "record-01");
            assertThat(logs.messages()).singleElement().asString()
                    .contains(msgs(1).toString()).contains("offset " + THIRD).contains("11 bytes dropped");
        }
        assertThat(Files.size(msgs(1))).isEqualTo(THIRD);
    }

    @Test
    void cutsGarbageAppendedAfterTheLastRecord() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(0));
            log.append(payload(1));
        }
        // a plausible length and a wrong checksum, then bytes
        append(msgs(1), new byte[] {0, 0, 0, 4, 1, 2, 3, 4, 'j', 'u', 'n', 'k', (byte) 0xFF, (byte) 0xFF});

        try (LogCapture logs = new LogCapture(QueueLogRecovery.class);
                QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-00", "record-01");
            assertThat(logs.messages()).singleElement().asString().contains("offset " + THIRD);
        }
        assertThat(Files.size(msgs(1))).isEqualTo(THIRD);
    }

    @Test
    void cutsASegmentAtADamagedRecordAndKeepsTheSegmentsAfterIt() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            for (int i = 0; i < 6; i++) {
                log.append(payload(i));
            }
        }
        flipByte(msgs(1), SECOND + 8 + 3);

        try (LogCapture logs = new LogCapture(QueueLogRecovery.class);
                QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload()))
                    .containsExactly("record-00", "record-03", "record-04", "record-05");
            assertThat(logs.messages()).singleElement().asString()
                    .contains(msgs(1).toString()).contains("offset " + SECOND).contains("fails its checksum");
        }
        assertThat(Files.size(msgs(1))).isEqualTo(SECOND);
    }

    @Test
    void cutsAtAZeroFilledHoleEvenWithIntactRecordsAfterIt() throws Exception {
        // what a crash leaves when a later page of a group commit reached the disk and an earlier one did not
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            for (int i = 0; i < 3; i++) {
                log.append(payload(i));
            }
        }
        try (FileChannel channel = FileChannel.open(msgs(1), StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(17), SECOND);
        }

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-00");
        }
    }

    @Test
    void recordsAppendedAfterACutDoNotInheritAcksOfCutRecords() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(0));
            log.append(payload(1));
            log.ack(log.append(payload(2)));
        }
        truncate(msgs(1), SECOND + 4);

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-00");
            long next = log.append(payload(3));
            log.append(payload(4));
            log.append(payload(5));
            assertThat(QueueSegment.number(next)).as("a recovered segment takes no appends").isEqualTo(2);
        }

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload()))
                    .containsExactly("record-00", "record-03", "record-04", "record-05");
        }
    }

    @Test
    void cutsATornAckEntrySoThatItsRecordComesBack() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            long first = log.append(payload(0));
            long second = log.append(payload(1));
            log.append(payload(2));
            log.ack(first);
            log.ack(second);
        }
        assertThat(Files.size(acks(1))).isEqualTo(8 + 2 * 9);
        truncate(acks(1), 8 + 9 + 4);

        try (LogCapture logs = new LogCapture(QueueLogRecovery.class);
                QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            List<LoggedRecord> recovered = log.recover();
            assertThat(recovered).extracting(r -> text(r.payload())).containsExactly("record-01", "record-02");
            assertThat(logs.messages()).singleElement().asString().contains(acks(1).toString()).contains("offset 17");
            log.ack(recovered.get(1).position());
        }
        assertThat(Files.size(acks(1))).isEqualTo(8 + 2 * 9);

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).extracting(r -> text(r.payload())).containsExactly("record-01");
        }
    }

    @Test
    void cutsAnAckEntryThatFailsItsChecksum() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            long first = log.append(payload(0));
            long second = log.append(payload(1));
            log.ack(first);
            log.ack(second);
        }
        flipByte(acks(1), 8 + 2);

        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(log.recover()).as("both acks lost: the damaged one and the one after it")
                    .extracting(r -> text(r.payload())).containsExactly("record-00", "record-01");
        }
        assertThat(Files.size(acks(1))).isEqualTo(8);
    }

    @Test
    void readsRecordsWhetherBufferedOrSyncedOrRecovered() throws Exception {
        long first;
        long second;
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            first = log.append(payload(0));
            log.sync();
            second = log.append(payload(1));

            assertThat(text(log.read(first))).isEqualTo("record-00");
            assertThat(text(log.read(second))).isEqualTo("record-01");
            assertThat(Files.size(msgs(1))).as("the second is still only in memory").isEqualTo(SECOND);

            log.sync();
            assertThat(text(log.read(second))).isEqualTo("record-01");
        }
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            assertThat(text(log.read(first))).isEqualTo("record-00");
            assertThat(text(log.read(second))).isEqualTo("record-01");
        }
    }

    @Test
    void readingADamagedRecordNamesTheFileAndOffset() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            log.append(payload(0));
            long second = log.append(payload(1));
            log.sync();
            flipByte(msgs(1), SECOND + 8);

            assertThatThrownBy(() -> log.read(second))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.file()).isEqualTo(msgs(1));
                        assertThat(e.offset()).isEqualTo(SECOND);
                    });
        }
    }

    @Test
    void refusesPositionsThatAreNotLiveRecords() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT)) {
            long first = log.append(payload(0));
            assertThatThrownBy(() -> log.read(7L << 32 | FIRST)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.read(first + 17)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            log.ack(first);
            assertThatThrownBy(() -> log.ack(first)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesAFileThatIsNotASegment() throws Exception {
        Files.createDirectories(dir());
        Files.write(msgs(1), "NOTMSGS!and more".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> QueueLog.open(dir(), QueueLogConfig.DEFAULT))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.file()).isEqualTo(msgs(1));
                    assertThat(e.offset()).isZero();
                    assertThat(e.getMessage()).contains("bad magic");
                });
    }

    @Test
    void dropsASegmentWhoseCreationWasInterrupted() throws Exception {
        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            log.append(payload(0));
        }
        Files.write(msgs(2), new byte[] {'E', 'Y', 'M'});

        try (QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT)) {
            assertThat(log.recover()).hasSize(1);
            assertThat(msgs(2)).doesNotExist();
            assertThat(QueueSegment.number(log.append(payload(1)))).isEqualTo(3);
        }
    }

    @Test
    void deleteRemovesTheDirectory() throws Exception {
        QueueLog log = QueueLog.open(dir(), THREE_PER_SEGMENT);
        for (int i = 0; i < 5; i++) {
            log.markDelivered(log.append(payload(i)));
        }
        log.sync();
        log.append(payload(9));

        log.delete();

        assertThat(dir()).doesNotExist();
        assertThatThrownBy(() -> log.append(payload(0))).isInstanceOf(IllegalStateException.class);
        log.close();
        assertThat(dir()).doesNotExist();
    }

    @Test
    void failsEveryLaterSyncAfterAFailedOne() throws Exception {
        RecordingFileChannels channels = new RecordingFileChannels();
        channels.onOpen = (path, channel) -> channel.failForce = path.toString().endsWith(".msgs");
        QueueLog log = QueueLog.open(dir(), QueueLogConfig.DEFAULT, channels, r -> { });
        long position = log.append(payload(0));

        assertThatThrownBy(log::sync).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.file()).isEqualTo(msgs(1)));
        channels.onOpen = (path, channel) -> { };
        log.append(payload(1));
        assertThatThrownBy(log::sync).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.file()).isEqualTo(msgs(1)));
        assertThat(text(log.read(position))).as("still readable").isEqualTo("record-00");
        log.close();
    }

    private static byte[] payload(int i) {
        return String.format("record-%02d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.US_ASCII);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void flipByte(Path file, int offset) throws IOException {
        byte[] content = Files.readAllBytes(file);
        content[offset] ^= 0x5A;
        Files.write(file, content);
    }
}
