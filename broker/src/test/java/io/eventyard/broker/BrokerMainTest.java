package io.eventyard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Settings of the standalone broker. Only system properties can be set from a test; the environment variable
 * fallback is taken on trust where the variable is unset here, and checked to lose where it is set.
 */
class BrokerMainTest {

    private static final Map<String, String> EVERY_SETTING = new LinkedHashMap<>();

    static {
        EVERY_SETTING.put("broker.host", "127.0.0.2");
        EVERY_SETTING.put("broker.amqp.port", "15672");
        EVERY_SETTING.put("broker.data.dir", "/tmp/eventyard-broker-main-test");
        EVERY_SETTING.put("broker.default.user", "admin");
        EVERY_SETTING.put("broker.default.password", "s3cret");
        EVERY_SETTING.put("broker.max.connections", "50");
        EVERY_SETTING.put("broker.channel.max", "64");
        EVERY_SETTING.put("broker.frame.max", "8192");
        EVERY_SETTING.put("broker.max.message.size", "1048576");
        EVERY_SETTING.put("broker.heartbeat.seconds", "15");
    }

    @AfterEach
    void clearProperties() {
        EVERY_SETTING.keySet().forEach(System::clearProperty);
    }

    @Test
    void systemPropertiesSetEverySetting() {
        EVERY_SETTING.forEach(System::setProperty);

        BrokerConfig config = BrokerMain.fromEnvironment();

        assertThat(config.host()).isEqualTo("127.0.0.2");
        assertThat(config.amqpPort()).isEqualTo(15672);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/eventyard-broker-main-test"));
        assertThat(config.defaultUser()).isEqualTo("admin");
        assertThat(config.defaultPassword()).isEqualTo("s3cret");
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.channelMax()).isEqualTo(64);
        assertThat(config.frameMax()).isEqualTo(8192);
        assertThat(config.maxMessageSize()).isEqualTo(1048576);
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void systemPropertyWinsOverTheEnvironmentVariable() {
        // Whatever BROKER_* variables this JVM has, the properties decide.
        EVERY_SETTING.forEach(System::setProperty);

        assertThat(BrokerMain.fromEnvironment().defaultUser()).isEqualTo("admin");
        assertThat(BrokerMain.fromEnvironment().amqpPort()).isEqualTo(15672);
    }

    @Test
    void withNothingSetTheDefaultsAreRabbitMqsWithDefinitionsOnDisk() {
        EVERY_SETTING.keySet().forEach(key ->
                assumeTrue(System.getenv(key.toUpperCase().replace('.', '_')) == null, key + " is set in the environment"));

        BrokerConfig config = BrokerMain.fromEnvironment();
        BrokerConfig defaults = BrokerConfig.defaults();

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.amqpPort()).isEqualTo(5672);
        assertThat(config.dataDir()).isEqualTo(Path.of("data/broker"));
        assertThat(config.defaultUser()).isEqualTo("guest");
        assertThat(config.defaultPassword()).isEqualTo("guest");
        assertThat(config.loopbackOnlyUser()).isEqualTo("guest");
        assertThat(config.channelMax()).isEqualTo(2047);
        assertThat(config.frameMax()).isEqualTo(131072);
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxConnections()).isEqualTo(defaults.maxConnections());
        assertThat(config.maxMessageSize()).isEqualTo(defaults.maxMessageSize());
        assertThat(config.handshakeTimeout()).isEqualTo(defaults.handshakeTimeout());
    }

    @Test
    void blankPropertyCountsAsUnset() {
        assumeTrue(System.getenv("BROKER_DEFAULT_USER") == null, "BROKER_DEFAULT_USER is set in the environment");
        System.setProperty("broker.default.user", "  ");

        assertThat(BrokerMain.fromEnvironment().defaultUser()).isEqualTo("guest");
    }

    @Test
    void renamedDefaultUserIsNotLoopbackOnly() {
        System.setProperty("broker.default.user", "admin");

        // As RabbitMQ's loopback_users: only guest is restricted, whoever the default user is.
        assertThat(BrokerMain.fromEnvironment().loopbackOnlyUser()).isEqualTo("guest");
    }
}
