package io.eventyard.broker.mqtt;

import io.eventyard.broker.net.TcpListener;
import io.netty.channel.EventLoopGroup;

/** The MQTT listener (3.1.1 and 5.0 over TCP): binds the port and gives every accepted socket its pipeline. */
public final class MqttServer implements AutoCloseable {

    private final TcpListener listener;

    private MqttServer(TcpListener listener) {
        this.listener = listener;
    }

    public static MqttServer bind(MqttPipeline mqtt, EventLoopGroup boss, EventLoopGroup workers)
            throws InterruptedException {
        return new MqttServer(TcpListener.bind("MQTT", mqtt.config().host(), mqtt.config().mqttPort(),
                mqtt.config().maxConnections(), boss, workers, channel -> mqtt.addTo(channel.pipeline())));
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
