package io.eventyard.messaging.testing;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One service as it runs, for its own tests: the bundled broker in-process on a free port, the service's
 * application context (environment {@code test}) with its HTTP server, its database, and a
 * {@link ShopEventsObserver} on the same broker. Closed in reverse order.
 */
public final class ServiceUnderTest implements AutoCloseable {

    private final Broker broker;
    private final Path brokerDir;
    private final TestDatabase database;
    private final EmbeddedServer server;
    private final ShopEventsObserver shop;

    private ServiceUnderTest(Broker broker, Path brokerDir, TestDatabase database, EmbeddedServer server,
                             ShopEventsObserver shop) {
        this.broker = broker;
        this.brokerDir = brokerDir;
        this.database = database;
        this.server = server;
        this.shop = shop;
    }

    /** Starts the service found on the class path on {@code database}, with {@code settings} on top. */
    public static ServiceUnderTest start(TestDatabase database, Map<String, Object> settings) throws Exception {
        Path brokerDir = Files.createTempDirectory("service-it-broker");
        Broker broker = Broker.start(BrokerConfig.forTests(brokerDir));
        String amqpUri = "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F";
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("rabbitmq.uri", amqpUri);
        // the same broker's MQTT side, for a service that also speaks MQTT (home-hub); others ignore it
        properties.put("mqtt.client.server-uri", "tcp://127.0.0.1:" + broker.mqttPort());
        properties.putAll(settings);
        EmbeddedServer server = null;
        try {
            server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
            return new ServiceUnderTest(broker, brokerDir, database, server, new ShopEventsObserver(amqpUri));
        } catch (Exception | Error e) {
            if (server != null) {
                server.close();
            }
            database.close();
            broker.close();
            deleteTree(brokerDir);
            throw e;
        }
    }

    /** The bundled broker the service runs on (AMQP and MQTT on free ports). */
    public Broker broker() {
        return broker;
    }

    public EmbeddedServer server() {
        return server;
    }

    public ShopEventsObserver shop() {
        return shop;
    }

    @Override
    public void close() throws Exception {
        try {
            shop.close();
        } finally {
            try {
                server.close();
            } finally {
                try {
                    database.close();
                } finally {
                    broker.close();
                    deleteTree(brokerDir);
                }
            }
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
