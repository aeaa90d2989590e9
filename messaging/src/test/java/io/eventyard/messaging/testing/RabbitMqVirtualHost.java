package io.eventyard.messaging.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A virtual host of its own on an existing RabbitMQ, made with {@code rabbitmqctl} and deleted with
 * everything in it afterwards: the services declare the shop's real queue names, and other runs on the same
 * RabbitMQ must neither see nor disturb them (nor find them left behind).
 */
public final class RabbitMqVirtualHost implements AutoCloseable {

    private final URI base;
    private final String vhost = "eventyard-e2e-" + UUID.randomUUID().toString().substring(0, 8);

    /** @param compatUri the RabbitMQ to use, e.g. {@code amqp://guest:guest@host:port/%2F} */
    public RabbitMqVirtualHost(String compatUri) {
        this.base = URI.create(compatUri);
        if (base.getPort() < 0) {
            throw new IllegalArgumentException(compatUri + " names no port");
        }
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, user(), ".*", ".*", ".*");
    }

    /** The URI of the new virtual host, same server and credentials. */
    public String amqpUri() {
        return base.getScheme() + "://" + base.getRawUserInfo() + "@" + base.getHost() + ":"
                + base.getPort() + "/" + vhost;
    }

    @Override
    public void close() {
        rabbitmqctl("delete_vhost", vhost);
    }

    private String user() {
        String userInfo = base.getUserInfo();
        return userInfo == null ? "guest" : userInfo.split(":", 2)[0];
    }

    private static void rabbitmqctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "--quiet"));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("rabbitmqctl-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: "
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is needed to give the test a virtual host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
