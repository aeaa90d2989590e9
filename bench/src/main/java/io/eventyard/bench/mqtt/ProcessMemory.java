package io.eventyard.bench.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker process's memory, read from outside: the Java heap in use after a full GC (through {@code jcmd},
 * so only for a JVM this user may attach to), the resident set and the open sockets (from {@code /proc}).
 * Every reading is null when it cannot be had.
 */
public final class ProcessMemory {

    // "garbage-first heap   total 262144K, used 12345K [...]" (other collectors print the same shape)
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");

    private final long pid;

    public ProcessMemory(long pid) {
        this.pid = pid;
    }

    /**
     * Heap bytes in use right after a full collection, or null. Only a JVM is asked: jcmd attaches by
     * sending SIGQUIT, which a JVM answers and any other process (Mosquitto) dies of.
     */
    public Long heapAfterFullGc() {
        if (!isJvm() || jcmd("GC.run") == null) {
            return null;
        }
        String info = jcmd("GC.heap_info");
        return info == null ? null : parseHeapUsed(info);
    }

    /** Whether the process has the JVM loaded; false when that cannot be read. */
    boolean isJvm() {
        try {
            return mapsLoadTheJvm(Files.readString(Path.of("/proc", Long.toString(pid), "maps")));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean mapsLoadTheJvm(String maps) {
        return maps.contains("/libjvm.so");
    }

    static Long parseHeapUsed(String heapInfo) {
        Matcher used = HEAP_USED.matcher(heapInfo);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : null;
    }

    /** Resident bytes, or null. */
    public Long residentBytes() {
        try {
            Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return rss.find() ? Long.parseLong(rss.group(1)) * 1024 : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Open sockets of the process, or null. */
    public Integer openSockets() {
        int sockets = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we listed: not a socket we can count
                }
            }
            return sockets;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
