package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.ConnectionFactory;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerAdmin;
import io.eventyard.broker.BrokerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The bundled broker, in this JVM, on a free loopback port with a data directory of its own. It starts on first
 * use, so that a broker that fails to start fails each scenario rather than the discovery of the whole class.
 * Accessed by the test thread only.
 */
public final class BundledBrokerTarget implements BrokerTarget {

    private final UnaryOperator<BrokerConfig> configuration;
    private Path dataDir;
    private BrokerConfig config;
    private Broker broker;

    /** The broker as {@link BrokerConfig#forTests(Path)} configures it. */
    public BundledBrokerTarget() {
        this(UnaryOperator.identity());
    }

    /** A broker with a configuration of its own, for the few scenarios that need one (another address, say). */
    public BundledBrokerTarget(UnaryOperator<BrokerConfig> configuration) {
        this.configuration = configuration;
    }

    @Override
    public String name() {
        return "bundled";
    }

    @Override
    public ConnectionFactory connectionFactory() {
        Broker running = broker();
        ConnectionFactory factory = BrokerTarget.clientFactory();
        factory.setHost(running.config().host());
        factory.setPort(running.amqpPort());
        factory.setUsername(running.config().defaultUser());
        factory.setPassword(running.config().defaultPassword());
        factory.setVirtualHost("/");
        return factory;
    }

    @Override
    public BrokerAdmin admin() {
        return broker().admin();
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public void restart() throws IOException {
        broker().close();
        broker = null;
        broker = Broker.start(config);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    @Override
    public String toString() {
        return name();
    }

    private Broker broker() {
        if (broker == null) {
            try {
                if (dataDir == null) {
                    dataDir = Files.createTempDirectory("eventyard-scenario-");
                    config = configuration.apply(BrokerConfig.forTests(dataDir));
                }
                broker = Broker.start(config);
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled broker did not start", e);
            }
        }
        return broker;
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
