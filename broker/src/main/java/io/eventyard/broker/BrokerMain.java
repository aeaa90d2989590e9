package io.eventyard.broker;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.http.StandaloneBroker;

/**
 * The standalone broker: AMQP plus the HTTP side (health, metrics, management API, stateless publishing).
 * Every setting is a {@code -D} system property or an environment variable (the property wins), else the
 * default; the table is in broker/README.md ("Settings").
 */
public final class BrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StandaloneBroker server = StandaloneBroker.start(Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "broker-shutdown"));
        Broker broker = server.broker();
        LOG.info("broker ready: amqp={} mqtt={} mqtt-ws={} http={} data={}", broker.amqpPort(), broker.mqttPort(),
                broker.mqttWebSocketPort(), server.httpPort(), broker.config().dataDir());
        stopped.await();
    }
}
