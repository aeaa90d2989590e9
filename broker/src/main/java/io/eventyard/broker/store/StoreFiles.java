package io.eventyard.broker.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional whole-buffer reads and writes and directory syncs, as the queue logs need them. */
final class StoreFiles {

    private StoreFiles() {
    }

    static void writeFully(FileChannel channel, long position, ByteBuffer data) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
    }

    static void readFully(FileChannel channel, long position, ByteBuffer into) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new EOFException("unexpected end of file at offset " + at);
            }
            at += read;
        }
    }

    /** Makes created, renamed or deleted entries of {@code dir} durable. Windows cannot open a directory; skipped. */
    static void syncDirectory(FileChannels channels, Path dir) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel directory = channels.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after the data is synced or abandoned; nothing depends on it
            }
        }
    }
}
