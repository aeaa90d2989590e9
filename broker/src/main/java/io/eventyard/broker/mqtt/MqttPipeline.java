package io.eventyard.broker.mqtt;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerCore;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/**
 * The MQTT end of a pipeline: decoder, encoder and {@link MqttChannelHandler}, the same whether the bytes come
 * straight off a socket ({@link MqttServer}) or out of WebSocket frames ({@link MqttWebSocketServer}). One per
 * broker, shared by both listeners, so that a client id names one session whichever way its client came in.
 */
public final class MqttPipeline {

    /**
     * MQTT 3.1.1 and 5.0 allow client ids of any length up to 65535 bytes; Netty's decoder would refuse more
     * than 23 characters (the 3.1 rule) unless told otherwise.
     */
    private static final int MAX_CLIENT_ID_LENGTH = 65535;

    private final BrokerCore core;
    private final BrokerConfig config;
    private final RetainedMessages retained;
    private final SessionRegistry sessions = new SessionRegistry();

    private MqttPipeline(BrokerCore core, BrokerConfig config, RetainedMessages retained) {
        this.core = core;
        this.config = config;
        this.retained = retained;
    }

    public static MqttPipeline create(BrokerCore core, BrokerConfig config, RetainedMessages retained) {
        return new MqttPipeline(core, config, retained);
    }

    /** Appends the MQTT handlers; whatever comes before them must deliver the connection's bytes as ByteBufs. */
    void addTo(ChannelPipeline pipeline) {
        pipeline
                // the bound is checked on the remaining length, before any body is buffered
                .addLast("decoder", new MqttDecoder(config.mqttMaxPacketSize(), MAX_CLIENT_ID_LENGTH))
                .addLast("encoder", MqttEncoder.INSTANCE)
                .addLast("mqtt", new MqttChannelHandler(core, config, config.mqttLimits(), sessions, retained));
    }

    BrokerConfig config() {
        return config;
    }
}
