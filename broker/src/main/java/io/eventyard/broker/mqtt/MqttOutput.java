package io.eventyard.broker.mqtt;

import java.util.function.Consumer;

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
    private final Consumer<Boolean> alarmGate;

    /** @param alarmGate stops ({@code true}) or resumes reading the socket for a resource alarm; event loop */
    MqttOutput(Channel channel, Consumer<Boolean> alarmGate) {
        this.channel = channel;
        this.alarmGate = alarmGate;
    }

    /** A resource alarm blocks (or no longer blocks) this publishing connection: its socket is not read. */
    void blockReading(boolean blocked) {
        channel.eventLoop().execute(() -> alarmGate.accept(blocked));
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
