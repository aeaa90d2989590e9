package io.eventyard.broker.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * The core thread's way to the socket. Netty hands each write to the channel's event loop, so the core
 * never touches the pipeline itself. One flush per packet for now; AMQP's batching output is the model if
 * measurements ask for it.
 */
final class MqttOutput {

    private final Channel channel;

    MqttOutput(Channel channel) {
        this.channel = channel;
    }

    void send(MqttMessage message) {
        channel.writeAndFlush(message, channel.voidPromise());
    }

    /** Sends {@code message}, then closes the socket once it is written. */
    void sendAndClose(MqttMessage message) {
        channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
    }

    void close() {
        channel.close();
    }

    /** Whether the socket takes more now; deliveries wait while it does not (Netty's write-buffer high water). */
    boolean writable() {
        return channel.isWritable();
    }
}
