package io.eventyard.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, from Linux's {@code /proc/{pid}/stat} (user + system, in clock ticks of 10 ms,
 * the kernel's USER_HZ on every common Linux). Where the limit sits shows in who burns the CPU during a step.
 *
 * @param name what the process is (broker, home-hub, simulator)
 * @param pid  its process id
 */
record ProcessCpu(String name, long pid) {

    private static final double SECONDS_PER_TICK = 0.01;

    /** Reads {@code name=pid}. */
    static ProcessCpu parse(String spec) {
        int equals = spec.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("expected name=pid, got " + spec);
        }
        return new ProcessCpu(spec.substring(0, equals), Long.parseLong(spec.substring(equals + 1)));
    }

    /** CPU seconds so far, or -1 when the process is gone or this is not Linux. */
    double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * SECONDS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
