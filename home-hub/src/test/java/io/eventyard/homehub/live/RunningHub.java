package io.eventyard.homehub.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * home-hub as it runs, for the live feed's tests: the bundled broker in-process on free ports (MQTT and AMQP),
 * H2 in memory, the HTTP server on a free port. ServiceUnderTest would do, but it waits for the shop's
 * {@code shop.events} exchange, which home-hub does not declare.
 */
final class RunningHub implements AutoCloseable {

    private final Path brokerDir;
    private final Broker broker;
    private final TestDatabase database;
    private final EmbeddedServer server;

    private RunningHub(Path brokerDir, Broker broker, TestDatabase database, EmbeddedServer server) {
        this.brokerDir = brokerDir;
        this.broker = broker;
        this.database = database;
        this.server = server;
    }

    static RunningHub start(Map<String, Object> settings) throws Exception {
        Path brokerDir = Files.createTempDirectory("home-hub-live-broker");
        Broker broker = Broker.start(BrokerConfig.forTests(brokerDir));
        TestDatabase database = TestDatabase.h2("home-hub-live");
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F");
        properties.put("mqtt.client.server-uri", "tcp://127.0.0.1:" + broker.mqttPort());
        properties.put("mqtt.client.client-id", "home-hub-test-" + System.nanoTime());
        properties.putAll(settings);
        try {
            return new RunningHub(brokerDir, broker, database,
                    ApplicationContext.run(EmbeddedServer.class, properties, "test"));
        } catch (Exception | Error e) {
            database.close();
            broker.close();
            deleteTree(brokerDir);
            throw e;
        }
    }

    EmbeddedServer server() {
        return server;
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The bundled broker's MQTT port, for a test that publishes as a device would. */
    int mqttPort() {
        return broker.mqttPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
            broker.close();
            deleteTree(brokerDir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
