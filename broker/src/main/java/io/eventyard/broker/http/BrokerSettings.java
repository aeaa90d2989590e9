package io.eventyard.broker.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.mqtt.MqttLimits;
import io.micronaut.core.value.PropertyResolver;

/**
 * Reads {@link BrokerConfig} from Micronaut's environment, where each setting is a {@code -D} property, an
 * environment variable ({@code BROKER_AMQP_PORT} resolves {@code broker.amqp.port},
 * {@code BROKER_MQTT_PORT} {@code broker.mqtt.port}) or a line of
 * application-broker.yml, in that order; what none of them sets (or sets blank) keeps
 * {@link BrokerConfig#defaults()}.
 *
 * <p>Not a {@code @ConfigurationProperties} bean: the documented names share prefixes
 * ({@code broker.max.connections}, {@code broker.max.message.size}) that would need a nested bean per
 * word, and the defaults belong to {@link BrokerConfig}, which needs no framework.
 */
final class BrokerSettings {

    static final String DEFAULT_DATA_DIR = "data/broker";

    private final PropertyResolver properties;

    private BrokerSettings(PropertyResolver properties) {
        this.properties = properties;
    }

    static BrokerConfig read(PropertyResolver properties) {
        return new BrokerSettings(properties).read();
    }

    private BrokerConfig read() {
        BrokerConfig defaults = BrokerConfig.defaults();
        return new BrokerConfig(
                text("broker.host").orElse(defaults.host()),
                number("broker.amqp.port", defaults.amqpPort()),
                Path.of(text("broker.data.dir").orElse(DEFAULT_DATA_DIR)),
                text("broker.default.user").orElse(defaults.defaultUser()),
                text("broker.default.password").orElse(defaults.defaultPassword()),
                defaults.loopbackOnlyUser(),
                number("broker.max.connections", defaults.maxConnections()),
                number("broker.channel.max", defaults.channelMax()),
                number("broker.frame.max", defaults.frameMax()),
                number("broker.max.message.size", defaults.maxMessageSize()),
                Duration.ofSeconds(number("broker.heartbeat.seconds", (int) defaults.heartbeat().toSeconds())),
                defaults.handshakeTimeout(),
                bytes("broker.page.out.bytes", defaults.pageOutBytes()),
                bytes("broker.memory.high.watermark", defaults.memoryHighWatermark()),
                bytes("broker.disk.free.limit", defaults.diskFreeLimit()),
                number("broker.mqtt.port", defaults.mqttPort()),
                number("broker.mqtt.max.packet.size", defaults.mqttMaxPacketSize()),
                number("broker.mqtt.ws.port", defaults.mqttWebSocketPort()),
                text("broker.mqtt.ws.path").orElse(defaults.mqttWebSocketPath()),
                number("broker.mqtt.max.retained", defaults.mqttMaxRetained()),
                mqttLimits(defaults.mqttLimits()));
    }

    private MqttLimits mqttLimits(MqttLimits defaults) {
        return new MqttLimits(
                number("broker.mqtt.max.session.expiry.seconds", (int) defaults.maxSessionExpirySeconds()),
                number("broker.mqtt.max.queued.messages", defaults.maxQueuedMessages()),
                number("broker.mqtt.receive.maximum", defaults.receiveMaximum()),
                number("broker.mqtt.max.inflight", defaults.maxOutboundInflight()),
                number("broker.mqtt.topic.alias.maximum", defaults.topicAliasMaximum()),
                number("broker.mqtt.max.keep.alive.seconds", defaults.maxKeepAliveSeconds()));
    }

    private Optional<String> text(String name) {
        return properties.get(name, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }

    // A typo in a port must stop the start, not fall back to the default without a word.
    private int number(String name, int fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value.get() + "'");
        }
    }

    private long bytes(String name, long fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of bytes, was '" + value.get() + "'");
        }
    }
}
