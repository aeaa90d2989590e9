package io.eventyard.simulator.cli;

import picocli.CommandLine;

/** {@code java -jar device-simulator-all.jar --homes 2 --vehicles 5 --chaos}; {@code --help} lists the options. */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }
}
