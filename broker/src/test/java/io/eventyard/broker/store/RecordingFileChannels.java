package io.eventyard.broker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Opens real files through {@link FailingFileChannel}s and keeps them, to count fsyncs and inject failures. */
final class RecordingFileChannels implements FileChannels {

    private final List<Opened> opened = new CopyOnWriteArrayList<>();
    /** Sets up each channel as it is opened, before the store uses it. */
    volatile BiConsumer<Path, FailingFileChannel> onOpen = (path, channel) -> { };

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        FailingFileChannel channel = new FailingFileChannel(FileChannel.open(path, options));
        onOpen.accept(path, channel);
        opened.add(new Opened(path, channel));
        return channel;
    }

    /** Fsyncs of files whose name ends with {@code suffix}, over every channel opened so far. */
    int forces(String suffix) {
        return opened.stream()
                .filter(o -> o.path().getFileName().toString().endsWith(suffix))
                .mapToInt(o -> o.channel().forces.get())
                .sum();
    }

    private record Opened(Path path, FailingFileChannel channel) {
    }
}
