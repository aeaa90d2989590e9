package io.eventyard.broker.amqp;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.amqp.codec.AmqpFrameDecoder;
import io.eventyard.broker.amqp.codec.AmqpFrameEncoder;
import io.eventyard.broker.amqp.handler.AmqpFrameHandler;
import io.eventyard.broker.core.BrokerCore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The AMQP listener: binds the port and gives every accepted socket its pipeline. */
public final class AmqpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpServer.class);

    /** AMQP 0-9-1 section 4.2.1: until tune-ok, frames may be no larger than the minimum every peer accepts. */
    private static final int FRAME_MIN_SIZE = 4096;

    private final Channel serverChannel;

    private AmqpServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static AmqpServer bind(BrokerConfig config, BrokerCore core, EventLoopGroup boss, EventLoopGroup workers)
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
                        if (open.incrementAndGet() > config.maxConnections()) {
                            open.decrementAndGet();
                            LOG.warn("refusing connection from {}: {} connections is the limit",
                                    channel.remoteAddress(), config.maxConnections());
                            channel.close();
                            return;
                        }
                        channel.closeFuture().addListener(f -> open.decrementAndGet());
                        AmqpFrameDecoder decoder = new AmqpFrameDecoder(FRAME_MIN_SIZE, config.maxMessageSize());
                        AmqpFrameEncoder encoder = new AmqpFrameEncoder(config.frameMax());
                        channel.pipeline()
                                .addLast("decoder", decoder)
                                .addLast("encoder", encoder)
                                .addLast("amqp", new AmqpFrameHandler(core, config, decoder, encoder));
                    }
                });
        Channel bound = bootstrap.bind(config.host(), config.amqpPort()).sync().channel();
        return new AmqpServer(bound);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
