package io.eventyard.broker.amqp.handler;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/** An embedded channel that says it is connected from {@code remote}, as a TCP socket would. */
final class RemoteEmbeddedChannel extends EmbeddedChannel {

    private final InetSocketAddress remote;

    RemoteEmbeddedChannel(InetSocketAddress remote, ChannelHandler... handlers) {
        super(false, false, handlers); // not registered yet, no disconnect support (TCP has none)
        this.remote = remote;
        try {
            register(); // only now: channelActive asks for the remote address
        } catch (Exception e) {
            throw new IllegalStateException("embedded channel failed to register", e);
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }
}
