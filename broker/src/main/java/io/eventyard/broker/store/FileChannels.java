package io.eventyard.broker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** Opens the store's files; a seam for tests that inject failing channels. */
@FunctionalInterface
interface FileChannels {

    FileChannels DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;
}
