package io.eventyard.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventyard.broker.BrokerConfig;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;

class BrokerSettingsTest {

    @Test
    void mapsEveryDocumentedSettingOntoTheBrokerConfig() {
        BrokerConfig config = read(Map.ofEntries(
                Map.entry("broker.page.out.bytes", "1000000"),
                Map.entry("broker.memory.high.watermark", "2000000"),
                Map.entry("broker.disk.free.limit", "3000000"),
                Map.entry("broker.host", "127.0.0.1"),
                Map.entry("broker.amqp.port", "5673"),
                Map.entry("broker.data.dir", "/var/lib/broker"),
                Map.entry("broker.default.user", "admin"),
                Map.entry("broker.default.password", "secret"),
                Map.entry("broker.max.connections", "100"),
                Map.entry("broker.channel.max", "64"),
                Map.entry("broker.frame.max", "65536"),
                Map.entry("broker.max.message.size", "1048576"),
                Map.entry("broker.heartbeat.seconds", "30"),
                Map.entry("broker.mqtt.port", "1884"),
                Map.entry("broker.mqtt.max.packet.size", "65536"),
                Map.entry("broker.mqtt.ws.port", "15676"),
                Map.entry("broker.mqtt.ws.path", "/mqtt"),
                Map.entry("broker.mqtt.max.retained", "500")));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.amqpPort()).isEqualTo(5673);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/broker"));
        assertThat(config.defaultUser()).isEqualTo("admin");
        assertThat(config.defaultPassword()).isEqualTo("secret");
        assertThat(config.maxConnections()).isEqualTo(100);
        assertThat(config.channelMax()).isEqualTo(64);
        assertThat(config.frameMax()).isEqualTo(65536);
        assertThat(config.maxMessageSize()).isEqualTo(1048576);
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.pageOutBytes()).isEqualTo(1_000_000);
        assertThat(config.memoryHighWatermark()).isEqualTo(2_000_000);
        assertThat(config.diskFreeLimit()).isEqualTo(3_000_000);
        assertThat(config.mqttPort()).isEqualTo(1884);
        assertThat(config.mqttMaxPacketSize()).isEqualTo(65536);
        assertThat(config.mqttWebSocketPort()).isEqualTo(15676);
        assertThat(config.mqttWebSocketPath()).isEqualTo("/mqtt");
        assertThat(config.mqttMaxRetained()).isEqualTo(500);
    }

    @Test
    void keepsRabbitMqDefaultsForWhatIsNotSetOrBlank() {
        BrokerConfig config = read(Map.of("broker.amqp.port", " "));
        BrokerConfig defaults = BrokerConfig.defaults();

        assertThat(config.host()).isEqualTo(defaults.host());
        assertThat(config.amqpPort()).isEqualTo(defaults.amqpPort());
        assertThat(config.dataDir()).isEqualTo(Path.of("data/broker"));
        assertThat(config.defaultUser()).isEqualTo("guest");
        assertThat(config.loopbackOnlyUser()).isEqualTo("guest");
        assertThat(config.heartbeat()).isEqualTo(defaults.heartbeat());
        assertThat(config.mqttWebSocketPort()).isEqualTo(BrokerConfig.DEFAULT_MQTT_WEB_SOCKET_PORT);
        assertThat(config.mqttWebSocketPath()).isEqualTo(BrokerConfig.DEFAULT_MQTT_WEB_SOCKET_PATH);
    }

    @Test
    void refusesANumberSettingThatIsNotANumber() {
        assertThatThrownBy(() -> read(Map.of("broker.amqp.port", "56x2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker.amqp.port must be a whole number, was '56x2'");
    }

    private static BrokerConfig read(Map<String, Object> properties) {
        return BrokerSettings.read(new PropertySourcePropertyResolver(PropertySource.of("test", properties)));
    }
}
