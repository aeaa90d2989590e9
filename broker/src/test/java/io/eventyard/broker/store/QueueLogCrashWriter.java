package io.eventyard.broker.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link QueueLogKillIT} kills: appends record i, acks record i - 10 unless it is a multiple of
 * {@link #KEPT_EVERY}, and asks for a sync after each step, so ticket i + 1 covers both; prints each ticket the
 * syncer reports durable. Runs until it is killed.
 */
final class QueueLogCrashWriter {

    static final int KEPT_EVERY = 1000;
    static final int ACK_LAG = 10;
    static final QueueLogConfig CONFIG = new QueueLogConfig(4096);

    private QueueLogCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        QueueLog log = QueueLog.open(Path.of(args[0]), CONFIG);
        StoreSyncer syncer = new StoreSyncer(new SyncListener() {
            @Override
            public void synced(long ticket) {
                out.println("synced " + ticket);
            }

            @Override
            public void failed(StoreException failure) {
                out.println("failed " + failure.getMessage());
            }
        });
        long[] positions = new long[ACK_LAG + 1];
        for (int i = 0; i < Integer.MAX_VALUE; i++) {
            positions[i % positions.length] = log.append(payload(i));
            int acked = i - ACK_LAG;
            if (acked >= 0 && acked % KEPT_EVERY != 0) {
                log.ack(positions[acked % positions.length]);
            }
            syncer.requestSync(log);
        }
    }

    static byte[] payload(int i) {
        return ("record " + i).getBytes(StandardCharsets.US_ASCII);
    }

    static int index(byte[] payload) {
        return Integer.parseInt(new String(payload, StandardCharsets.US_ASCII).substring("record ".length()));
    }
}
