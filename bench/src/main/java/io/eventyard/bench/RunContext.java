package io.eventyard.bench;

import java.io.PrintStream;

/**
 * What a runner needs for one scenario against one target.
 *
 * @param prefix      unique name prefix for everything the run creates on the broker
 * @param progressOut per-second progress lines, or {@code null} for none
 */
record RunContext(Scenario scenario, Workload workload, Target target, String prefix, RunMeters meters,
                  PrintStream progressOut) {

    MeasuredPhase phase(String name) {
        String label = scenario.label() + (name.isEmpty() ? "" : " " + name) + " @ " + target.name();
        return new MeasuredPhase(label, meters, progressOut);
    }
}
