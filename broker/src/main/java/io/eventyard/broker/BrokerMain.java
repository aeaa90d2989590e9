package io.eventyard.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone broker. Every setting comes from a {@code -D} system property or, failing that, an
 * environment variable, or else RabbitMQ's default:
 *
 * <table>
 *   <tr><th>property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>broker.host</td><td>BROKER_HOST</td><td>0.0.0.0</td></tr>
 *   <tr><td>broker.amqp.port</td><td>BROKER_AMQP_PORT</td><td>5672 (0: a free port)</td></tr>
 *   <tr><td>broker.data.dir</td><td>BROKER_DATA_DIR</td><td>./data/broker</td></tr>
 *   <tr><td>broker.default.user / .password</td><td>BROKER_DEFAULT_USER / _PASSWORD</td><td>guest / guest</td></tr>
 *   <tr><td>broker.max.connections</td><td>BROKER_MAX_CONNECTIONS</td><td>unlimited</td></tr>
 *   <tr><td>broker.channel.max</td><td>BROKER_CHANNEL_MAX</td><td>2047</td></tr>
 *   <tr><td>broker.frame.max</td><td>BROKER_FRAME_MAX</td><td>131072</td></tr>
 *   <tr><td>broker.max.message.size</td><td>BROKER_MAX_MESSAGE_SIZE</td><td>134217728</td></tr>
 *   <tr><td>broker.heartbeat.seconds</td><td>BROKER_HEARTBEAT_SECONDS</td><td>60</td></tr>
 * </table>
 */
public final class BrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        BrokerConfig config = fromEnvironment();
        Broker broker = Broker.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        LOG.info("broker ready: amqp={} data={}", broker.amqpPort(), config.dataDir());
        stopped.await();
    }

    static BrokerConfig fromEnvironment() {
        BrokerConfig defaults = BrokerConfig.defaults();
        return new BrokerConfig(
                setting("broker.host", defaults.host()),
                Integer.parseInt(setting("broker.amqp.port", String.valueOf(defaults.amqpPort()))),
                Path.of(setting("broker.data.dir", "data/broker")),
                setting("broker.default.user", defaults.defaultUser()),
                setting("broker.default.password", defaults.defaultPassword()),
                defaults.loopbackOnlyUser(),
                Integer.parseInt(setting("broker.max.connections", String.valueOf(defaults.maxConnections()))),
                Integer.parseInt(setting("broker.channel.max", String.valueOf(defaults.channelMax()))),
                Integer.parseInt(setting("broker.frame.max", String.valueOf(defaults.frameMax()))),
                Integer.parseInt(setting("broker.max.message.size", String.valueOf(defaults.maxMessageSize()))),
                Duration.ofSeconds(Long.parseLong(setting("broker.heartbeat.seconds",
                        String.valueOf(defaults.heartbeat().toSeconds())))),
                defaults.handshakeTimeout(),
                Long.parseLong(setting("broker.page.out.bytes", String.valueOf(defaults.pageOutBytes()))),
                Long.parseLong(setting("broker.memory.high.watermark", String.valueOf(defaults.memoryHighWatermark()))),
                Long.parseLong(setting("broker.disk.free.limit", String.valueOf(defaults.diskFreeLimit()))));
    }

    /** {@code -Dbroker.amqp.port}, else {@code BROKER_AMQP_PORT}, else the default. */
    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase().replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
