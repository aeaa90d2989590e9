package io.eventyard.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout these tests run in: Surefire starts them in the module's directory, some need the root. */
final class Repository {

    private Repository() {
    }

    /** The nearest directory above the working directory that holds docker-compose.yml. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
