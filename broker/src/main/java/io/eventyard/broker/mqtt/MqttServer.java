package io.eventyard.broker.mqtt;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.net.TcpListener;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/** The MQTT listener (3.1.1 and 5.0 over TCP): binds the port and gives every accepted socket its pipeline. */
public final class MqttServer implements AutoCloseable {

    /**
     * MQTT 3.1.1 and 5.0 allow client ids of any length up to 65535 bytes; Netty's decoder would refuse more
     * than 23 characters (the 3.1 rule) unless told otherwise.
     */
    private static final int MAX_CLIENT_ID_LENGTH = 65535;

    private final TcpListener listener;

    private MqttServer(TcpListener listener) {
        this.listener = listener;
    }

    public static MqttServer bind(BrokerConfig config, BrokerCore core, RetainedMessages retained,
                                  EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        // One per listener: client ids are unique per broker, and this listener is the broker's only MQTT door.
        SessionRegistry sessions = new SessionRegistry();
        return new MqttServer(TcpListener.bind("MQTT", config.host(), config.mqttPort(), config.maxConnections(),
                boss, workers, channel -> channel.pipeline()
                        // the bound is checked on the remaining length, before any body is buffered
                        .addLast("decoder", new MqttDecoder(config.mqttMaxPacketSize(), MAX_CLIENT_ID_LENGTH))
                        .addLast("encoder", MqttEncoder.INSTANCE)
                        .addLast("mqtt", new MqttChannelHandler(core, config, MqttLimits.DEFAULTS, sessions, retained))));
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
