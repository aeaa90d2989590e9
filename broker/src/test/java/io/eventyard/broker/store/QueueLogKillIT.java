package io.eventyard.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks what comes back: every record it was told is durable, in
 * order, except those whose ack was durable too. (A killed process leaves the page cache behind, so this proves
 * the confirm logic and the recovery, not the disk; the fsyncs are what covers a power cut.)
 */
class QueueLogKillIT {

    private static final long CONFIRMED_BEFORE_KILL = 20_000;

    @TempDir
    Path dir;

    @Test
    void keepsEveryConfirmedRecordAcrossAKill() throws Exception {
        Path queue = dir.resolve("queue");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QueueLogCrashWriter.class.getName(), queue.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long confirmed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line;
            while (confirmed < CONFIRMED_BEFORE_KILL && (line = out.readLine()) != null) {
                assertThat(line).startsWith("synced ");
                confirmed = Long.parseLong(line.substring("synced ".length()));
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        assertThat(confirmed).as("the writer ran until it was killed").isGreaterThanOrEqualTo(CONFIRMED_BEFORE_KILL);

        List<LoggedRecord> recovered;
        try (QueueLog log = QueueLog.open(queue, QueueLogCrashWriter.CONFIG)) {
            recovered = log.recover();
        }
        Set<Integer> present = new HashSet<>();
        int previous = -1;
        for (LoggedRecord record : recovered) {
            int index = QueueLogCrashWriter.index(record.payload());
            assertThat(index).as("append order").isGreaterThan(previous);
            previous = index;
            present.add(index);
        }
        // record i was appended before ticket i + 1 was asked for, its ack before ticket i + ACK_LAG + 1
        for (int i = 0; i + 1 <= confirmed; i++) {
            if (i % QueueLogCrashWriter.KEPT_EVERY == 0) {
                assertThat(present).as("confirmed record %d", i).contains(i);
            } else if (i + QueueLogCrashWriter.ACK_LAG + 1 <= confirmed) {
                assertThat(present).as("record %d whose ack was confirmed", i).doesNotContain(i);
            }
        }
    }
}
