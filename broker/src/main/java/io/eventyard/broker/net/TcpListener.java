package io.eventyard.broker.net;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * A TCP port of the broker: the socket options every protocol wants, the connection limit, and the pipeline
 * that the protocol gives each accepted socket. AMQP and MQTT each bind one on the broker's event loops.
 */
public final class TcpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private final Channel serverChannel;

    private TcpListener(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /**
     * Binds {@code host:port} (0: a free port). A socket beyond {@code maxConnections} open ones on this
     * listener is closed at once; the others get the handlers {@code pipeline} adds.
     */
    public static TcpListener bind(String protocol, String host, int port, int maxConnections,
                                   EventLoopGroup boss, EventLoopGroup workers, Consumer<SocketChannel> pipeline)
            throws InterruptedException {
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // room for a few batches of deliveries before a socket counts as unwritable (Netty's default
                // 64 KiB makes writability flap with every batch of 1 KB messages)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (open.incrementAndGet() > maxConnections) {
                            open.decrementAndGet();
                            LOG.warn("refusing {} connection from {}: {} connections is the limit",
                                    protocol, channel.remoteAddress(), maxConnections);
                            channel.close();
                            return;
                        }
                        channel.closeFuture().addListener(f -> open.decrementAndGet());
                        pipeline.accept(channel);
                    }
                });
        return new TcpListener(bootstrap.bind(host, port).sync().channel());
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
