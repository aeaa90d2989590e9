package io.eventyard.broker.scenario.harness;

import io.eventyard.broker.BrokerAdmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link BrokerAdmin} over the {@code rabbitmqctl} command line, so that the scenarios administer RabbitMQ with
 * the same calls as the bundled broker. Each call starts an Erlang VM (about a second): scenarios that need
 * users or virtual hosts stay few. Stateless.
 */
public final class RabbitMqCtl implements BrokerAdmin {

    private final List<String> command;

    /** @param command the command and its leading arguments, e.g. {@code [rabbitmqctl]} or {@code [docker, exec, rmq, rabbitmqctl]} */
    public RabbitMqCtl(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public void addVirtualHost(String name) {
        run("add_vhost", name);
    }

    @Override
    public void deleteVirtualHost(String name) {
        run("delete_vhost", name);
    }

    @Override
    public void addUser(String name, String password, String... tags) {
        run("add_user", name, password);
        if (tags.length > 0) {
            List<String> arguments = new ArrayList<>(List.of("set_user_tags", name));
            arguments.addAll(List.of(tags));
            run(arguments.toArray(String[]::new));
        }
    }

    @Override
    public void deleteUser(String name) {
        run("delete_user", name);
    }

    @Override
    public void setPermissions(String user, String vhost, String configure, String write, String read) {
        run("set_permissions", "-p", vhost, user, configure, write, read);
    }

    @Override
    public void clearPermissions(String user, String vhost) {
        run("clear_permissions", "-p", vhost, user);
    }

    @Override
    public void setTopicPermissions(String user, String vhost, String exchange, String write, String read) {
        run("set_topic_permissions", "-p", vhost, user, exchange, write, read);
    }

    @Override
    public void clearTopicPermissions(String user, String vhost) {
        run("clear_topic_permissions", "-p", vhost, user);
    }

    @Override
    public void clearTopicPermissions(String user, String vhost, String exchange) {
        run("clear_topic_permissions", "-p", vhost, user, exchange);
    }

    private void run(String... arguments) {
        List<String> line = new ArrayList<>(command);
        line.add("--quiet");
        line.addAll(List.of(arguments));
        String shown = String.join(" ", line);
        Path output = null;
        try {
            // Output goes to a file, not a pipe, so that a chatty command cannot block on a full pipe buffer.
            output = Files.createTempFile("rabbitmqctl-", ".out");
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(Waits.DEFAULT.toSeconds() * 3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + shown);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(shown + " exited with " + process.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + shown, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
