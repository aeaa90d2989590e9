package io.eventyard.bench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The payload header and the loss and duplicate count that rest on it. */
class MessageAccountingTest {

    @Test
    void payloadCarriesTimestampPublisherAndSequenceAtAnySize() {
        byte[] body = new Payload(123_456_789_012L, 7, 99_999L).encode(64);

        assertThat(body).hasSize(64);
        assertThat(Payload.decode(body)).isEqualTo(new Payload(123_456_789_012L, 7, 99_999L));
        assertThat(new Payload(1, 2, 3).encode(Payload.HEADER_BYTES)).hasSize(Payload.HEADER_BYTES);
        assertThatThrownBy(() -> Payload.decode(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsDuplicatesAndWhatNeverArrived() {
        SequenceTracker tracker = new SequenceTracker(2);

        assertThat(tracker.record(0, 0)).isTrue();
        assertThat(tracker.record(0, 1)).isTrue();
        assertThat(tracker.record(0, 1)).isFalse();
        assertThat(tracker.record(1, 2)).isTrue();

        assertThat(tracker.duplicates()).isEqualTo(1);
        assertThat(tracker.distinct()).isEqualTo(3);
        // publisher 0 sent 0..2 (2 missing), publisher 1 sent 0..3 (0, 1, 3 missing)
        assertThat(tracker.lost(new long[] {3, 4})).isEqualTo(4);
        assertThatThrownBy(() -> tracker.record(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheHeapInUseFromJcmd() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 15395K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                """;
        assertThat(ProcessMemory.parseHeapUsed(g1)).isEqualTo(15395L * 1024);
        assertThat(ProcessMemory.parseHeapUsed("12345:\nsomething else\n")).isNull();
    }

    @Test
    void asksOnlyAJvmForItsHeapBecauseJcmdsSignalKillsAnythingElse() {
        assertThat(ProcessMemory.mapsLoadTheJvm(
                "7f0000-7f1000 r-xp 00000000 fe:01 123 /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so\n")).isTrue();
        assertThat(ProcessMemory.mapsLoadTheJvm("55e0-55e1 r-xp 00000000 fe:01 42 /usr/sbin/mosquitto\n")).isFalse();
    }
}
