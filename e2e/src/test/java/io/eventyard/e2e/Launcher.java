package io.eventyard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The launcher script as a user runs it ({@code ./eventyard up|down|status} in the repository root), with a state
 * directory and settings of the caller's. Of the test's own environment nothing the stack reads gets through, so
 * what the stack uses is exactly what the settings say (CI's AMQP_COMPAT_URI and the like are not for it).
 */
final class Launcher {

    /** How a command ended and what it printed (standard output and error together). */
    record Result(int exitCode, String output) {
    }

    private static final List<String> STACK_VARIABLE_PREFIXES = List.of("AMQP_", "MQTT_", "BROKER_", "EVENTYARD_",
            "DATASOURCES_", "SMTP_", "MAIL_API_", "SIMULATOR", "MICRONAUT_", "HOME_HUB_", "ORDER_", "PAYMENT_",
            "SHIPPING_", "EMAIL_", "HOMEHUB_");

    private final Path root = Repository.root();
    private final Path stateDir;
    private final Map<String, String> settings;

    Launcher(Path stateDir, Map<String, String> settings) {
        this.stateDir = stateDir;
        this.settings = new HashMap<>(settings);
        this.settings.put("EVENTYARD_STATE_DIR", stateDir.toString());
    }

    /** Runs {@code ./eventyard arguments...}; a command still running after {@code timeout} is killed and fails. */
    Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("eventyard").toString()));
        command.addAll(List.of(arguments));
        // A file, not a pipe: nothing the script leaves running can then hold the test's reading end open.
        Path output = Files.createTempFile(stateDir, String.join("-", arguments) + "-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.endsWith("_JDBC_URL")
                || STACK_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith));
        environment.putAll(settings);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // The nested Maven build and the parts started so far are the script's children until it ends.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout
                    + "; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The processes the launcher says it started: part name → pid, from its pid files. */
    Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new TreeMap<>();
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                pids.put(name, Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
            }
        }
        return pids;
    }

    /** The last {@code lines} lines of each part's log, to say why a run failed; never throws. */
    String logTails(int lines) {
        StringBuilder tails = new StringBuilder("last lines of the logs in " + stateDir + ":");
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                // Leniently decoded: a log is evidence, not input to validate.
                List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
                tails.append("\n===== ").append(log.getFileName()).append(" =====\n")
                        .append(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
            }
        } catch (IOException e) {
            tails.append("\n(could not read them: ").append(e).append(')');
        }
        return tails.toString();
    }
}
