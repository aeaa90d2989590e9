package io.eventyard.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.eventyard.broker.mqtt.MqttLimits;

/**
 * Everything the broker can be told at start. Defaults follow RabbitMQ's where RabbitMQ has one.
 *
 * @param host              the address the listeners bind to
 * @param amqpPort          AMQP 0-9-1 port; 0 picks a free port ({@link Broker#amqpPort()} tells which)
 * @param dataDir           where durable definitions live; {@code null} keeps everything in memory
 * @param defaultUser       the user created on first start, with all permissions on {@code /}
 * @param defaultPassword   its password
 * @param loopbackOnlyUser  a user that may connect from loopback addresses only ({@code guest}, as in RabbitMQ);
 *                          {@code null} for none
 * @param maxConnections    connections accepted at once; more are refused at the socket
 * @param channelMax        the channel-max the broker proposes in connection.tune
 * @param frameMax          the frame-max the broker proposes in connection.tune (bytes)
 * @param maxMessageSize    the largest message body accepted (bytes)
 * @param heartbeat         the heartbeat the broker proposes in connection.tune; zero disables
 * @param handshakeTimeout  how long a new socket may take to finish connection.open
 * @param pageOutBytes      ready bytes one queue keeps in memory; bodies past it wait on disk (needs a data dir)
 * @param memoryHighWatermark message bytes held in memory at which publishers are blocked (RabbitMQ's
 *                          vm_memory_high_watermark, counted on messages rather than the whole heap)
 * @param diskFreeLimit     free bytes on the data directory's disk under which publishers are blocked
 * @param mqttPort          MQTT 3.1.1 / 5.0 port; 0 picks a free port ({@link Broker#mqttPort()} tells which)
 * @param mqttMaxPacketSize the largest MQTT packet accepted (bytes of remaining length); a larger one closes
 *                          the connection before its body is buffered
 * @param mqttWebSocketPort MQTT over WebSocket port (for browsers); 0 picks a free port
 *                          ({@link Broker#mqttWebSocketPort()} tells which), a negative one disables it
 * @param mqttWebSocketPath the HTTP path of the WebSocket upgrade, such as {@code /ws}
 * @param mqttMaxRetained   retained MQTT messages kept at most (topics, all vhosts together); a retained
 *                          publish to a further topic is refused
 * @param mqttLimits        the bounds on MQTT sessions and connections (session expiry, queued messages, receive
 *                          maximum, in-flight window, topic aliases, keep alive)
 */
public record BrokerConfig(
        String host,
        int amqpPort,
        Path dataDir,
        String defaultUser,
        String defaultPassword,
        String loopbackOnlyUser,
        int maxConnections,
        int channelMax,
        int frameMax,
        int maxMessageSize,
        Duration heartbeat,
        Duration handshakeTimeout,
        long pageOutBytes,
        long memoryHighWatermark,
        long diskFreeLimit,
        int mqttPort,
        int mqttMaxPacketSize,
        int mqttWebSocketPort,
        String mqttWebSocketPath,
        int mqttMaxRetained,
        MqttLimits mqttLimits) {

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (frameMax < 4096) {
            throw new IllegalArgumentException("frameMax must be at least 4096 (AMQP 0-9-1 section 4.2.1), was " + frameMax);
        }
        if (channelMax < 1 || channelMax > 65535) {
            throw new IllegalArgumentException("channelMax must be in 1..65535, was " + channelMax);
        }
        if (mqttMaxPacketSize < 1024) {
            throw new IllegalArgumentException("mqttMaxPacketSize must be at least 1024, was " + mqttMaxPacketSize);
        }
        if (mqttMaxRetained < 0) {
            throw new IllegalArgumentException("mqttMaxRetained must not be negative, was " + mqttMaxRetained);
        }
        Objects.requireNonNull(mqttWebSocketPath, "mqttWebSocketPath");
        Objects.requireNonNull(mqttLimits, "mqttLimits");
        if (!mqttWebSocketPath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "mqttWebSocketPath must start with '/', was '" + mqttWebSocketPath + "'");
        }
    }

    /** The largest MQTT packet accepted unless configured otherwise: 256 KiB, as a device's telemetry is small. */
    public static final int DEFAULT_MQTT_MAX_PACKET_SIZE = 256 * 1024;

    /**
     * Retained MQTT messages kept unless configured otherwise: enough for a fleet of devices with a status topic
     * each, while bounding what a client publishing retained messages to ever new topics can make the broker keep.
     */
    public static final int DEFAULT_MQTT_MAX_RETAINED = 100_000;

    /** RabbitMQ Web MQTT's port and path, so that browser clients written for RabbitMQ find the broker. */
    public static final int DEFAULT_MQTT_WEB_SOCKET_PORT = 15675;
    public static final String DEFAULT_MQTT_WEB_SOCKET_PATH = "/ws";

    /** RabbitMQ 3.10's defaults, on ports 5672 (AMQP), 1883 (MQTT) and 15675 (MQTT over WebSocket), in memory. */
    public static BrokerConfig defaults() {
        return new BrokerConfig("0.0.0.0", 5672, null, "guest", "guest", "guest",
                Integer.MAX_VALUE, 2047, 131072, 128 * 1024 * 1024,
                Duration.ofSeconds(60), Duration.ofSeconds(10), 64L * 1024 * 1024,
                (long) (Runtime.getRuntime().maxMemory() * 0.4), 50L * 1024 * 1024,
                1883, DEFAULT_MQTT_MAX_PACKET_SIZE, DEFAULT_MQTT_WEB_SOCKET_PORT, DEFAULT_MQTT_WEB_SOCKET_PATH,
                DEFAULT_MQTT_MAX_RETAINED, MqttLimits.DEFAULTS);
    }

    /** An in-process broker for tests: loopback, free ports, definitions kept in {@code dataDir}. */
    public static BrokerConfig forTests(Path dataDir) {
        return defaults().withHost("127.0.0.1").withAmqpPort(0).withMqttPort(0).withMqttWebSocketPort(0)
                .withDataDir(dataDir);
    }

    public BrokerConfig withHost(String value) {
        return new BrokerConfig(value, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withAmqpPort(int value) {
        return new BrokerConfig(host, value, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withDataDir(Path value) {
        return new BrokerConfig(host, amqpPort, value, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withDefaultUser(String user, String password) {
        return new BrokerConfig(host, amqpPort, dataDir, user, password, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withLoopbackOnlyUser(String value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, value,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMaxConnections(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                value, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withChannelMax(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, value, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withFrameMax(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, value, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMaxMessageSize(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, value, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withPageOutBytes(long value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout, value,
                memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMemoryHighWatermark(long bytes) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout, pageOutBytes,
                bytes, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withDiskFreeLimit(long bytes) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout, pageOutBytes,
                memoryHighWatermark, bytes, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withHeartbeat(Duration value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, value, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMqttPort(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, value, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMqttMaxPacketSize(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, value,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMqttWebSocketPort(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                value, mqttWebSocketPath, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMqttWebSocketPath(String value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, value, mqttMaxRetained, mqttLimits);
    }

    public BrokerConfig withMqttMaxRetained(int value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, value, mqttLimits);
    }

    public BrokerConfig withMqttLimits(MqttLimits value) {
        return new BrokerConfig(host, amqpPort, dataDir, defaultUser, defaultPassword, loopbackOnlyUser,
                maxConnections, channelMax, frameMax, maxMessageSize, heartbeat, handshakeTimeout,
                pageOutBytes, memoryHighWatermark, diskFreeLimit, mqttPort, mqttMaxPacketSize,
                mqttWebSocketPort, mqttWebSocketPath, mqttMaxRetained, value);
    }
}
