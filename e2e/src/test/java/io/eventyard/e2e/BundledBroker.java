package io.eventyard.e2e;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** The bundled broker in this JVM, on a free port, with its data in a test directory so a restart keeps it. */
final class BundledBroker implements MessageBroker {

    private final Path dataDir;
    private Broker broker;
    private final int port;

    BundledBroker(Path dataDir) {
        this.dataDir = dataDir;
        this.broker = start(BrokerConfig.forTests(dataDir));
        this.port = broker.amqpPort();
    }

    @Override
    public String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
    }

    @Override
    public boolean restart() throws Exception {
        broker.close();
        Thread.sleep(Duration.ofSeconds(1).toMillis()); // long enough for every client to notice and retry
        broker = start(BrokerConfig.forTests(dataDir).withAmqpPort(port));
        return true;
    }

    @Override
    public void close() {
        broker.close();
    }

    private static Broker start(BrokerConfig config) {
        try {
            return Broker.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
