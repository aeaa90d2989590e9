package io.eventyard.broker.mqtt;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.net.TcpListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * MQTT 3.1.1 and 5.0 over WebSocket, for browsers (MQTT 5.0 section 6.0): an HTTP upgrade on
 * {@link BrokerConfig#mqttWebSocketPath()}, then the same {@link MqttPipeline} as the TCP listener behind a
 * {@link WebSocketByteStream}. Shares the broker's event loops and the connection limit's rule (per listener).
 */
public final class MqttWebSocketServer implements AutoCloseable {

    /**
     * MQTT 5.0 [MQTT-6.0.0-3/4]: clients offer {@code mqtt} and the server selects it. {@code mqttv3.1} is
     * what MQTT 3.1 clients (older Paho JavaScript) offer; RabbitMQ Web MQTT accepts both.
     */
    static final String SUBPROTOCOLS = "mqtt,mqttv3.1";

    /** The upgrade request has no body; its line and headers are bounded by HttpServerCodec's defaults. */
    private static final int MAX_HANDSHAKE_BODY = 8 * 1024;

    /** MQTT's fixed header: one type byte and up to four bytes of remaining length. */
    private static final int MAX_FIXED_HEADER = 5;

    private final TcpListener listener;

    private MqttWebSocketServer(TcpListener listener) {
        this.listener = listener;
    }

    public static MqttWebSocketServer bind(MqttPipeline mqtt, EventLoopGroup boss, EventLoopGroup workers)
            throws InterruptedException {
        BrokerConfig config = mqtt.config();
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.mqttWebSocketPath())
                .subprotocols(SUBPROTOCOLS)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                // a frame is buffered whole before its bytes reach the MQTT decoder: one largest packet at most
                .maxFramePayloadLength(config.mqttMaxPacketSize() + MAX_FIXED_HEADER)
                .build();
        return new MqttWebSocketServer(TcpListener.bind("MQTT/WebSocket", config.host(), config.mqttWebSocketPort(),
                config.maxConnections(), boss, workers, channel -> {
                    ChannelPipeline pipeline = channel.pipeline()
                            .addLast("http", new HttpServerCodec())
                            .addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BODY))
                            .addLast("websocket", new WebSocketServerProtocolHandler(webSocket))
                            .addLast("websocket-path-only", new WebSocketPathOnly())
                            .addLast("websocket-bytes", new WebSocketByteStream());
                    mqtt.addTo(pipeline);
                }));
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
