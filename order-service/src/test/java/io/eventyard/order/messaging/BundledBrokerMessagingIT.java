package io.eventyard.order.messaging;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The messaging checks against the bundled broker, started in-process on a free port. */
class BundledBrokerMessagingIT extends MessagingStackContract {

    @TempDir
    static Path dataDir;

    private static Broker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + broker.amqpPort();
    }
}
