package io.eventyard.simulator.bench;

import io.eventyard.simulator.cli.Simulation;
import io.eventyard.simulator.cli.SimulationSettings;
import io.eventyard.simulator.mqtt.BrokerEndpoint;
import io.eventyard.simulator.mqtt.DeviceNetwork;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The home-hub ingestion benchmark: the simulator's homes at increasing rates against a running home-hub,
 * measuring readings stored per second (rows counted over JDBC) and the lag from the reading's {@code ts} to
 * home-hub receiving it ({@code received_at}) and to the row being visible (sampled). With
 * {@code --broker-only}, a plain subscriber stands in for home-hub: the broker's own ceiling on this machine.
 * Run by {@code bench/compare-homehub.sh}, which starts the broker and home-hub.
 */
@Command(name = "home-hub-ingest-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulated homes at increasing rates against home-hub; stored/s and lag percentiles.")
public final class HomeHubIngestBench implements Callable<Integer> {

    /** Rates above this per home would put two readings of one sensor in the same millisecond. */
    private static final int READINGS_PER_HOME = 1000;

    @Option(names = "--mqtt-uri", defaultValue = "${env:MQTT_URI:-tcp://127.0.0.1:1883}")
    String mqttUri;

    @Option(names = "--jdbc-url", description = "home-hub's database (H2 with AUTO_SERVER=TRUE, or PostgreSQL).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "sa")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "")
    String jdbcPassword;

    @Option(names = "--broker-only", description = "Measure a plain subscriber instead of home-hub.")
    boolean brokerOnly;

    @Option(names = "--rates", split = ",", defaultValue = "200,1000,3000,max",
            description = "Readings per second per step; max = --max-rate (default ${DEFAULT-VALUE}).")
    List<String> rates;

    @Option(names = "--max-rate", defaultValue = "20000", description = "What 'max' offers (default ${DEFAULT-VALUE}).")
    double maxRate;

    @Option(names = "--step", defaultValue = "PT30S", description = "Measured time per step (default ${DEFAULT-VALUE}).")
    Duration step;

    @Option(names = "--warmup", defaultValue = "PT5S", description = "Unmeasured time before each step.")
    Duration warmup;

    @Option(names = "--drain", defaultValue = "PT60S", description = "Longest wait for the backlog after a step.")
    Duration drain;

    @Option(names = "--label", defaultValue = "home-hub", description = "Heading of the result table.")
    String label;

    @Option(names = "--markdown", description = "Append the result table to this file.")
    Path markdown;

    @Option(names = "--watch", description = "name=pid of a process whose CPU use to report per step (repeatable); "
            + "the benchmark's own process is always reported as 'simulator'.")
    List<String> watch = new ArrayList<>();

    private List<ProcessCpu> watched;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HomeHubIngestBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!brokerOnly && jdbcUrl == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--jdbc-url or --broker-only is needed");
        }
        watched = new ArrayList<>(watch.stream().map(ProcessCpu::parse).toList());
        watched.add(new ProcessCpu("simulator", ProcessHandle.current().pid()));
        List<StepResult> results = new ArrayList<>();
        for (String rate : rates) {
            double offered = rate.equals("max") ? maxRate : Double.parseDouble(rate);
            results.add(brokerOnly ? brokerOnlyStep(rate, offered) : homeHubStep(rate, offered));
            System.out.println(results.get(results.size() - 1).row());
        }
        String table = "\n" + label + "\n\n" + StepResult.header() + "\n"
                + String.join("\n", results.stream().map(StepResult::row).toList()) + "\n";
        System.out.println(table);
        if (markdown != null) {
            Files.writeString(markdown, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return 0;
    }

    private SimulationSettings load(double rate) {
        int homes = (int) Math.max(1, Math.ceil(rate / READINGS_PER_HOME));
        return new SimulationSettings(mqttUri, "guest", "guest", homes, 0, rate, Duration.ofSeconds(2), 1, null, null,
                "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-", 2, 42, Duration.ofSeconds(10));
    }

    private StepResult homeHubStep(String label, double rate) throws Exception {
        // Rows are counted by when they were measured, from the start of this step's load: a backlog left from
        // the warm-up still counts when it is stored during the step (earlier steps are drained by then).
        Instant since = Instant.now();
        try (var stored = new StoredReadings(jdbcUrl, jdbcUser, jdbcPassword);
             var simulation = Simulation.start(load(rate))) {
            awaitOnline(simulation);
            Thread.sleep(warmup.toMillis());
            Instant t0 = Instant.now();
            long stored0 = stored.countSince(since);
            long published0 = simulation.readingsSent();
            double[] cpu0 = cpuSeconds();
            var visibleLag = new Histogram(3);
            var probe = Executors.newSingleThreadScheduledExecutor();
            probe.scheduleWithFixedDelay(() -> {
                try {
                    stored.sampleVisibleLag(visibleLag);
                } catch (Exception e) {
                    System.err.println("lag probe: " + e);
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            Thread.sleep(step.toMillis());
            Instant t1 = Instant.now();
            long stored1 = stored.countSince(since);
            long published1 = simulation.readingsSent();
            String cpu = cpuUse(cpu0, Duration.between(t0, Instant.now()));
            probe.shutdownNow();
            probe.awaitTermination(5, TimeUnit.SECONDS);
            simulation.close();
            long sent = simulation.readingsSent();
            long drained = awaitStable(() -> stored.countSince(since));
            var receiveLag = new Histogram(3);
            stored.receiveLag(t0, t1, receiveLag);
            double seconds = Duration.between(t0, t1).toMillis() / 1000.0;
            return new StepResult(label, (published1 - published0) / seconds, (stored1 - stored0) / seconds,
                    drained - stored1, Math.max(0, sent - drained), receiveLag, visibleLag, cpu);
        }
    }

    private StepResult brokerOnlyStep(String label, double rate) throws Exception {
        try (var network = new DeviceNetwork(BrokerEndpoint.of(mqttUri, "guest", "guest"),
                "bench-sub-" + UUID.randomUUID().toString().substring(0, 8) + "-", 1)) {
            var counter = new DeliveryCounter(network, "bench-subscriber");
            counter.start();
            try (var simulation = Simulation.start(load(rate))) {
                awaitOnline(simulation);
                Thread.sleep(warmup.toMillis());
                counter.lag().reset();
                Instant t0 = Instant.now();
                long delivered0 = counter.delivered();
                long published0 = simulation.readingsSent();
                double[] cpu0 = cpuSeconds();
                Thread.sleep(step.toMillis());
                Instant t1 = Instant.now();
                long delivered1 = counter.delivered();
                long published1 = simulation.readingsSent();
                String cpu = cpuUse(cpu0, Duration.between(t0, Instant.now()));
                var lag = counter.lag().getIntervalHistogram();
                simulation.close();
                long sent = simulation.readingsSent();
                long drained = awaitStable(counter::delivered);
                double seconds = Duration.between(t0, t1).toMillis() / 1000.0;
                return new StepResult(label, (published1 - published0) / seconds, (delivered1 - delivered0) / seconds,
                        drained - delivered1, Math.max(0, sent - drained), lag, null, cpu);
            }
        }
    }

    private double[] cpuSeconds() {
        return watched.stream().mapToDouble(ProcessCpu::seconds).toArray();
    }

    private String cpuUse(double[] before, Duration elapsed) {
        double[] after = cpuSeconds();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            if (before[i] >= 0 && after[i] >= 0) {
                parts.add(String.format(Locale.ROOT, "%s %.0f%%", watched.get(i).name(),
                        (after[i] - before[i]) / (elapsed.toMillis() / 1000.0) * 100));
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static void awaitOnline(Simulation simulation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (simulation.network().online() < simulation.devices().size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private interface Count {
        long get() throws Exception;
    }

    /** Waits until the count stops growing for two seconds, at most {@code --drain}; returns the last count. */
    private long awaitStable(Count count) throws Exception {
        long deadline = System.nanoTime() + drain.toNanos();
        long last = count.get();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stableSince < TimeUnit.SECONDS.toNanos(2)) {
            Thread.sleep(250);
            long now = count.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
        return last;
    }
}
