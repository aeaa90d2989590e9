package io.eventyard.broker.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.eventyard.broker.BrokerMain;

/**
 * The standalone broker ({@link BrokerMain}) in a child JVM on a data directory, on free ports, for tests that
 * kill it. Its output is collected line by line; the AMQP port is read from the line the broker logs when it
 * listens, so nothing depends on a fixed port.
 */
final class ChildBroker implements AutoCloseable {

    // "AMQP 0-9-1 listening on 127.0.0.1:40123 (data in ...)", or BrokerMain's "broker ready: amqp=40123 ..."
    private static final Pattern AMQP_LISTENING = Pattern.compile("(?i)\\bamqp\\b.*?listening on \\S*:(\\d+)");
    private static final Pattern READY = Pattern.compile("(?i)ready:? .*amqp=(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();

    private ChildBroker(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collectOutput, "child-broker-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the broker on {@code dataDir}, logging at INFO (the test classpath's logback-test.xml would
     * silence the lines this class reads), with a small heap so that several runs fit on a small machine.
     */
    static ChildBroker start(Path dataDir, Path workDir) throws IOException {
        Path logConfig = workDir.resolve("child-logback.xml");
        if (!Files.exists(logConfig)) {
            Files.writeString(logConfig, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%level %logger{0} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="io.netty" level="WARN"/>
                      <root level="INFO"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Dlogback.configurationFile=" + logConfig,
                "-Dbroker.host=127.0.0.1",
                "-Dbroker.amqp.port=0",
                "-Dbroker.mqtt.port=0",
                "-Dbroker.mqtt.ws.port=0",
                "-Dbroker.http.port=0",
                "-Dbroker.data.dir=" + dataDir,
                "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildBroker(process);
    }

    /** Waits for the broker to say where it listens for AMQP; fails with its output when it dies first. */
    int awaitAmqpPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> lines = output();
            for (; seen < lines.size(); seen++) {
                Matcher listening = AMQP_LISTENING.matcher(lines.get(seen));
                if (listening.find()) {
                    return Integer.parseInt(listening.group(1));
                }
                Matcher ready = READY.matcher(lines.get(seen));
                if (ready.find()) {
                    return Integer.parseInt(ready.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited with " + process.exitValue() + " before listening:\n"
                        + String.join("\n", output()));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the broker did not say where it listens within " + timeout + ":\n"
                + String.join("\n", output()));
    }

    /** What the broker printed so far. */
    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or synced. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the broker process did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM: the shutdown hook closes the broker cleanly; fails when it takes longer than {@code timeout}. */
    void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the broker did not stop within " + timeout + " of SIGTERM:\n"
                    + String.join("\n", output()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void collectOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the JDK closes the pipe when the process exits, possibly before its last bytes were read: the
            // output simply ends; what a test needs from it was printed long before a kill
        }
    }
}
