package io.eventyard.simulator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The simulator's command line; defaults may come from the environment (MQTT_URI, MQTT_USER, MQTT_PASSWORD). */
@Command(name = "device-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates homes (room sensors, lights) and vehicles, each device its own MQTT connection.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--mqtt-uri", defaultValue = "${env:MQTT_URI:-tcp://127.0.0.1:1883}",
            description = "Broker, tcp://host:port (env MQTT_URI; default ${DEFAULT-VALUE}).")
    String mqttUri;

    @Option(names = "--user", defaultValue = "${env:MQTT_USER:-guest}", description = "MQTT user (env MQTT_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${env:MQTT_PASSWORD:-guest}",
            description = "MQTT password (env MQTT_PASSWORD).")
    String password;

    @Option(names = "--homes", defaultValue = "1", description = "Homes, 4 rooms each (default ${DEFAULT-VALUE}).")
    int homes;

    @Option(names = "--vehicles", defaultValue = "3", description = "Vehicles (default ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--rate", description = "Readings per second from all homes together, instead of each sensor "
            + "every 5-10 s.")
    Double rate;

    @Option(names = "--position-interval", defaultValue = "PT2S",
            description = "How often a vehicle reports (ISO-8601 duration, default ${DEFAULT-VALUE}).")
    Duration positionInterval;

    @Option(names = "--qos", defaultValue = "1", description = "QoS of sensor readings, 0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--chaos", description = "Now and then drop a device's connection without DISCONNECT, so its "
            + "will fires.")
    boolean chaos;

    @Option(names = "--chaos-interval", defaultValue = "PT30S",
            description = "Mean time between chaos drops (default ${DEFAULT-VALUE}).")
    Duration chaosInterval;

    @Option(names = "--duration", description = "Stop after this long (ISO-8601, e.g. PT5M); default: until stopped.")
    Duration duration;

    @Option(names = "--client-id-prefix", defaultValue = "sim-",
            description = "Prefix of every device's MQTT client id (default ${DEFAULT-VALUE}).")
    String clientIdPrefix;

    @Option(names = "--threads", defaultValue = "2", description = "Event loop threads for all connections.")
    int threads;

    @Option(names = "--seed", description = "Random seed, for a repeatable run.")
    Long seed;

    @Option(names = "--status-interval", defaultValue = "PT10S", description = "How often to log counters.")
    Duration statusInterval;

    SimulationSettings settings() {
        if (homes < 0 || vehicles < 0) {
            throw new IllegalArgumentException("--homes and --vehicles must not be negative");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("--qos must be 0 or 1");
        }
        if (rate != null && rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        return new SimulationSettings(mqttUri, user, password, homes, vehicles, rate, positionInterval, qos,
                chaos ? chaosInterval : null, duration, clientIdPrefix, threads,
                seed != null ? seed : System.nanoTime(), statusInterval);
    }

    @Override
    public Integer call() throws Exception {
        var simulation = Simulation.start(settings());
        // Stopped by a signal (./eventyard down): the devices still say offline and disconnect cleanly.
        Thread hook = new Thread(simulation::close, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        simulation.awaitEnd();
        Runtime.getRuntime().removeShutdownHook(hook);
        simulation.close();
        return 0;
    }
}
